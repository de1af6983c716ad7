using HvWeb.Engine.Qemu;

namespace HvWeb.Tests.Unit.Qemu;

public sealed class QemuCommandBuilderGoldenTests
{
    public static TheoryData<string> Cases() => new(GoldenCase.Names());

    [Fact]
    public void GoldenFolder_HasTheRequiredCases()
    {
        Assert.True(GoldenCase.Names().Count() >= 4, "The golden cases were not copied to the test output.");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_GoldenCase_MatchesArgsFile(string name)
    {
        var vm = GoldenCase.ReadVm(name);
        var actual = GoldenCase.Render(QemuCommandBuilder.Build(vm, GoldenCase.ContextFor(name, vm)));

        if (Environment.GetEnvironmentVariable(GoldenCase.UpdateVariable) == "1")
        {
            File.WriteAllText(Path.Combine(GoldenCase.SourceFolder(), name + ".args"), actual);
            return;
        }

        var argsFile = Path.Combine(GoldenCase.OutputFolder, name + ".args");
        Assert.True(File.Exists(argsFile), $"{name}.args is missing; run the tests with {GoldenCase.UpdateVariable}=1 to create it.");
        Assert.Equal(File.ReadAllText(argsFile), actual);
    }
}
