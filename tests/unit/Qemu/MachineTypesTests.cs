using HvWeb.Engine.Host;
using HvWeb.Engine.Qemu;

namespace HvWeb.Tests.Unit.Qemu;

public sealed class MachineTypesTests
{
    private const string Help = """
        Supported machines are:
        microvm              microvm (i386)
        pc                   Standard PC (i440FX + PIIX, 1996) (alias of pc-i440fx-7.2)
        pc-i440fx-7.2        Standard PC (i440FX + PIIX, 1996) (default)
        q35                  Standard PC (Q35 + ICH9, 2009) (alias of pc-q35-7.2)
        pc-q35-7.2           Standard PC (Q35 + ICH9, 2009)
        """;

    [Fact]
    public void ParseAliases_QemuMachineHelp_ResolvesPcAndQ35()
    {
        var aliases = MachineTypes.ParseAliases(Help);
        Assert.Equal("pc-i440fx-7.2", aliases["pc"]);
        Assert.Equal("pc-q35-7.2", aliases["q35"]);
    }

    [Fact]
    public void ParseAliases_NoAliases_Empty() => Assert.Empty(MachineTypes.ParseAliases("Supported machines are:\nnone  empty machine\n"));

    [Theory]
    [InlineData("pc,accel=kvm")]
    [InlineData("PC")]
    [InlineData("")]
    public void Build_MachineTypeWithOptionCharacters_Refused(string machineType)
    {
        var vm = TestVm.Create(HvWeb.Engine.Model.VmGeneration.One) with { MachineType = machineType };
        Assert.Throws<ArgumentException>(() => QemuCommandBuilder.Build(vm, TestVm.Context()));
    }
}
