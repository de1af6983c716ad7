using HvWeb.Engine.Model;
using HvWeb.Web.Api.Errors;

namespace HvWeb.Tests.Unit.Web.Api;

public sealed class JsonErrorDescriberTests
{
    [Fact]
    public void Describe_GenerationThree_NamesFieldAndAllowedValues()
    {
        var error = JsonErrorDescriber.Describe(ApiJson.ReadFails<VmCreateRequest>("""{"name":"a","generation":3}"""));

        Assert.Equal(["Generation must be 1 or 2."], error.Errors["generation"]);
    }

    [Fact]
    public void Describe_UnknownEnumName_ListsTheNames()
    {
        var error = JsonErrorDescriber.Describe(ApiJson.ReadFails<VmCreateRequest>("""{"name":"a","automaticStopAction":"Explode"}"""));

        Assert.Equal(
            ["The value of 'automaticStopAction' is not valid: it must be one of Save, TurnOff, ShutDown."],
            error.Errors["automaticStopAction"]);
    }

    [Fact]
    public void Describe_EnumAsNumber_IsRefused()
    {
        var error = JsonErrorDescriber.Describe(ApiJson.ReadFails<VmCreateRequest>("""{"name":"a","newDiskType":1}"""));

        Assert.Contains("must be one of Dynamic, Fixed", error.Errors["newDiskType"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_TextForNumber_SaysWholeNumber()
    {
        var error = JsonErrorDescriber.Describe(ApiJson.ReadFails<VmCreateRequest>("""{"name":"a","memoryStartupMb":"lots"}"""));

        Assert.Equal(["The value of 'memoryStartupMb' is not valid: it must be a whole number."], error.Errors["memoryStartupMb"]);
        Assert.DoesNotContain("System.", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_BadItemInList_NamesTheItem()
    {
        var error = JsonErrorDescriber.Describe(ApiJson.ReadFails<VmCreateRequest>("""{"name":"a","bootOrder":["Cd","Usb"]}"""));

        var field = Assert.Single(error.Errors).Key;
        Assert.StartsWith("bootOrder", field, StringComparison.Ordinal);
        Assert.Contains("Cd, HardDrive, Network, Floppy", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_MissingName_SaysItIsRequired()
    {
        var error = JsonErrorDescriber.Describe(ApiJson.ReadFails<VmCreateRequest>("""{"generation":1}"""));

        Assert.Equal(["'name' is required."], error.Errors["name"]);
        Assert.Equal("The request body is missing required properties: name.", error.Detail);
    }

    [Fact]
    public void Describe_BrokenJson_GivesLineAndPosition()
    {
        var error = JsonErrorDescriber.Describe(ApiJson.ReadFails<VmCreateRequest>("{\n  \"name\": }"));

        Assert.Empty(error.Errors);
        Assert.StartsWith("The request body is not valid JSON (line 2, position", error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Path:", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ArrayInsteadOfObject_AsksForAnObject()
    {
        var error = JsonErrorDescriber.Describe(ApiJson.ReadFails<VmCreateRequest>("[1,2]"));

        Assert.Equal("The request body must be a JSON object.", error.Detail);
    }
}
