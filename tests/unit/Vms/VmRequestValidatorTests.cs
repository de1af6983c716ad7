using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;

namespace HvWeb.Tests.Unit.Vms;

public sealed class VmRequestValidatorTests
{
    private readonly VmRequestValidator _validator = new(hostProcessors: 2, hostMemoryMb: 4096);

    private static VmCreateRequest Valid() => new() { Name = "web01", MemoryStartupMb = 512, ProcessorCount = 1 };

    private VmValidationException Invalid(VmCreateRequest request) =>
        Assert.Throws<VmValidationException>(() => _validator.ValidateCreate(request));

    [Fact]
    public void ValidateCreate_ValidRequest_Passes() => _validator.ValidateCreate(Valid());

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("what?")]
    [InlineData("tab\there")]
    [InlineData(" lead")]
    [InlineData("dot.")]
    public void ValidateCreate_BadName_ReportsName(string name) =>
        Assert.Contains("name", Invalid(Valid() with { Name = name }).Errors.Keys);

    [Fact]
    public void ValidateCreate_NameTooLong_SaysTheLimit()
    {
        var error = Invalid(Valid() with { Name = new string('x', 101) });
        Assert.Contains("101 characters; the limit is 100", error.Errors["name"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(8192)]
    [InlineData(513)]
    public void ValidateCreate_BadMemory_ReportsMemory(int memory) =>
        Assert.Contains("memoryStartupMb", Invalid(Valid() with { MemoryStartupMb = memory }).Errors.Keys);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void ValidateCreate_ProcessorsBeyondHost_ReportsProcessors(int count) =>
        Assert.Contains("processorCount", Invalid(Valid() with { ProcessorCount = count }).Errors.Keys);

    [Fact]
    public void ValidateCreate_UnknownGeneration_ReportsGeneration() =>
        Assert.Contains("generation", Invalid(Valid() with { Generation = (VmGeneration)3 }).Errors.Keys);

    [Theory]
    [InlineData("9.9")]
    [InlineData("4.0")]
    [InlineData("eight")]
    public void ValidateCreate_UnsupportedVersion_ListsSupported(string version)
    {
        var error = Invalid(Valid() with { Version = version });
        Assert.Contains("5.0, 6.2, 7.0, 7.1, 8.0", error.Errors["version"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateCreate_SeveralProblems_ReportsAll()
    {
        var error = Invalid(new VmCreateRequest { Name = "", MemoryStartupMb = 0, ProcessorCount = 9, Version = "1.0" });
        Assert.Equal(["memoryStartupMb", "name", "processorCount", "version"], error.Errors.Keys.Order());
    }

    [Fact]
    public void ValidateCreate_MissingDiskToCopy_ReportsPath() =>
        Assert.Contains("copyDiskFrom", Invalid(Valid() with { CopyDiskFrom = "/nonexistent/disk.qcow2" }).Errors.Keys);

    [Fact]
    public void ValidateCreate_RelativeLocation_Refused() =>
        Assert.Contains("location", Invalid(Valid() with { Location = "relative/folder" }).Errors.Keys);

    [Fact]
    public void ValidateUpdate_OnlyChangedFieldsChecked_Passes() =>
        _validator.ValidateUpdate(new VmUpdateRequest { Notes = "hello" });
}
