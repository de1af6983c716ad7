using Bunit;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;

namespace HvWeb.Tests.Unit.Web.Settings;

public sealed class VmSettingsEditorTests : SettingsTestContext
{
    private const string StartupBelowMinimum = "Startup memory (256 MB) must be between the minimum (512 MB) and the maximum (4096 MB) with dynamic memory.";
    private const string RunningMemory = "Startup memory cannot be changed while the virtual machine is running; turn it off first.";

    [Fact]
    public void Tree_Generation1_ShowsBiosIdeComAndDiskette()
    {
        var cut = RenderEditor(Vm(VmGeneration.One));

        Assert.Equal(
            ["Add Hardware", "BIOS", "Memory", "Processor", "Compatibility", "IDE Controller 0", "Hard Drive", "IDE Controller 1", "DVD Drive",
             "COM 1", "COM 2", "Diskette Drive", "Name", "Integration Services", "Checkpoints", "Checkpoint File Location",
             "Smart Paging File Location", "Automatic Start Action", "Automatic Stop Action"],
            TreeLabels(cut));
    }

    [Fact]
    public void Tree_Generation2_ShowsFirmwareSecurityAndScsiOnly()
    {
        var cut = RenderEditor(Vm(VmGeneration.Two));

        var labels = TreeLabels(cut);
        Assert.Contains("Firmware", labels);
        Assert.Contains("Security", labels);
        Assert.Contains("SCSI Controller", labels);
        Assert.DoesNotContain("BIOS", labels);
        Assert.DoesNotContain(labels, l => l.StartsWith("IDE", StringComparison.Ordinal) || l.StartsWith("COM", StringComparison.Ordinal));
        Assert.DoesNotContain("Diskette Drive", labels);
    }

    [Fact]
    public void Tree_Summaries_LikeHyperV()
    {
        var cut = RenderEditor(Vm(VmGeneration.Two, change: d => d with
        {
            ProcessorCount = 2,
            NetworkAdapters = [new NetworkAdapterDefinition { Id = Guid.NewGuid() }],
        }));

        string Summary(string key) => cut.Find($"li[data-key='{key}'] .hv-tree-summary").TextContent.Trim();
        Assert.Equal("1024 MB", Summary("memory"));
        Assert.Equal("2 Virtual processors", Summary("processor"));
        Assert.Equal("Not connected", cut.Find("li[data-key^='nic:'] .hv-tree-summary").TextContent.Trim());
        Assert.Equal("Boot from Hard Drive", Summary("boot"));
    }

    [Fact]
    public void Memory_StartupBelowMinimumWithDynamicMemory_SentenceUnderFieldAndOkDisabled()
    {
        Engine.UpdateRules = (vm, r) =>
            (r.DynamicMemoryEnabled ?? vm.Definition.DynamicMemoryEnabled) && (r.MemoryStartupMb ?? vm.Definition.MemoryStartupMb) < (r.MemoryMinimumMb ?? vm.Definition.MemoryMinimumMb)
                ? new Dictionary<string, string[]> { ["memoryStartupMb"] = [StartupBelowMinimum] }
                : new Dictionary<string, string[]>();
        var cut = RenderEditor(Vm(change: d => d with { DynamicMemoryEnabled = true, MemoryMinimumMb = 512, MemoryMaximumMb = 4096 }));
        SelectPage(cut, "memory");

        Input(cut, "Startup RAM").Input("256");

        cut.WaitForAssertion(() => Assert.Contains(StartupBelowMinimum, cut.Markup, StringComparison.Ordinal));
        Assert.True(Button(cut, "OK").HasAttribute("disabled"));
        Assert.True(Button(cut, "Apply").HasAttribute("disabled"));
        Assert.Contains("hv-has-errors", cut.Find("li[data-key='memory']").ClassName, StringComparison.Ordinal);
        Assert.Contains(Engine.Checked, r => r.MemoryStartupMb == 256);

        Input(cut, "Startup RAM").Input("1024");

        cut.WaitForAssertion(() => Assert.DoesNotContain(StartupBelowMinimum, cut.Markup, StringComparison.Ordinal));
        Assert.False(Button(cut, "OK").HasAttribute("disabled"));
    }

    [Fact]
    public void Apply_NameAndMemoryChanged_SendsOnlyThoseFields()
    {
        var cut = RenderEditor(Vm());
        SelectPage(cut, "memory");
        Input(cut, "Startup RAM").Input("2048");
        SelectPage(cut, "name");
        Input(cut, "Name").Input("web02");

        Button(cut, "Apply").Click();

        cut.WaitForAssertion(() => Assert.Single(Engine.Updated));
        Assert.Equal(new VmUpdateRequest { Name = "web02", MemoryStartupMb = 2048 }, Engine.Updated[0]);
    }

    [Fact]
    public void Ok_NothingChanged_SendsNothingAndCloses()
    {
        var done = false;
        var vm = Vm();
        Engine.With(vm);
        var cut = Render<HvWeb.Web.Components.Settings.VmSettingsEditor>(p => p.Add(e => e.VmId, vm.Id).Add(e => e.Done, () => done = true));

        Button(cut, "OK").Click();

        Assert.True(done);
        Assert.Empty(Engine.Updated);
        Assert.True(Button(cut, "Apply").HasAttribute("disabled"));
    }

    [Fact]
    public void RunningVm_StartupMemoryDisabledWithReason_BufferStillEditable()
    {
        Engine.UpdateRules = (vm, r) => vm.State == VmState.Running && r.MemoryStartupMb is not null
            ? new Dictionary<string, string[]> { ["memoryStartupMb"] = [RunningMemory] }
            : new Dictionary<string, string[]>();
        var cut = RenderEditor(Vm(state: VmState.Running, change: d => d with { DynamicMemoryEnabled = true }));
        SelectPage(cut, "memory");

        Assert.True(Input(cut, "Startup RAM").HasAttribute("disabled"));
        Assert.Contains(RunningMemory, cut.Markup, StringComparison.Ordinal);
        Assert.False(Input(cut, "Memory buffer").HasAttribute("disabled"));
        Assert.Contains("some settings cannot be changed until it is turned off", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void SavedVm_EngineRefusesOnlyRealChanges_ProcessorCountLockedWeightsFree()
    {
        const string reason = "The number of virtual processors of 'web01' cannot be changed while it is in a saved state; turn it off first.";
        Engine.UpdateRules = (vm, r) => vm.State != VmState.Off && r.ProcessorCount is { } count && count != vm.Definition.ProcessorCount
            ? new Dictionary<string, string[]> { ["processorCount"] = [reason] }
            : new Dictionary<string, string[]>();
        var cut = RenderEditor(Vm(state: VmState.Saved));
        SelectPage(cut, "processor");

        Assert.True(Input(cut, "Number of virtual processors").HasAttribute("disabled"));
        Assert.Contains(reason, cut.Markup, StringComparison.Ordinal);
        Assert.False(Input(cut, "Relative weight").HasAttribute("disabled"));
        Assert.False(Input(cut, "Virtual machine reserve (percentage)").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData(false, "Not enforced on this host")]
    [InlineData(true, "enforced with cgroup v2")]
    public void Processor_HostCpuControls_PageSaysWhetherTheyAreEnforced(bool enforced, string expected)
    {
        var reason = enforced ? "Processor limit and weight are enforced with cgroup v2 (cpu.max, cpu.weight)." : "/sys/fs/cgroup is not cgroup v2.";
        Engine.Host = Engine.Host with { CpuControlsEnforced = enforced, CpuControlsReason = reason };
        var cut = RenderEditor(Vm());
        SelectPage(cut, "processor");

        Assert.Contains(expected, cut.Markup, StringComparison.Ordinal);
        Assert.Contains(reason, cut.Markup, StringComparison.Ordinal);
        Assert.Equal(!enforced, cut.Markup.Contains("Not enforced on this host", StringComparison.Ordinal));
    }

    [Fact]
    public void AddHardware_NetworkAdapter_RequestListsTheNewAdapterNotConnected()
    {
        var cut = RenderEditor(Vm(VmGeneration.Two));
        SelectPage(cut, "add");

        Button(cut, "Add").Click();
        cut.WaitForAssertion(() => Assert.Contains("Network Adapter", TreeLabels(cut)));
        Button(cut, "Apply").Click();

        cut.WaitForAssertion(() => Assert.Single(Engine.Updated));
        var request = Engine.Updated[0];
        var adapter = Assert.Single(request.NetworkAdapters!);
        Assert.False(adapter.Legacy);
        Assert.Null(adapter.SwitchName);
        Assert.Null(request.Drives);
        Assert.Null(request.Name);
    }

    [Fact]
    public void ScsiController_AddHardDrive_RequestListsTheDriveAtTheNextLocation()
    {
        var cut = RenderEditor(Vm(VmGeneration.Two));
        SelectPage(cut, "scsi0");

        Button(cut, "Add").Click();
        cut.WaitForAssertion(() => Assert.Equal("drive:2", cut.Find("li[aria-selected='true']").GetAttribute("data-key")));
        Assert.True(Button(cut, "Apply").HasAttribute("disabled")); // a hard drive needs its file
        Input(cut, "Virtual hard disk").Input("/srv/disks/data.qcow2");
        Button(cut, "Apply").Click();

        cut.WaitForAssertion(() => Assert.Single(Engine.Updated));
        var drives = Engine.Updated[0].Drives!;
        Assert.Equal(3, drives.Count);
        Assert.Equal(new DriveDefinition { Controller = ControllerType.Scsi, ControllerNumber = 0, Location = 2, Kind = DriveKind.HardDisk, Path = "/srv/disks/data.qcow2" }, drives[2]);
    }

    [Fact]
    public void RemoveHardDrive_Apply_AsksFirstSayingTheFileIsKept()
    {
        var cut = RenderEditor(Vm(VmGeneration.One));
        SelectPage(cut, "drive:0");

        Button(cut, "Remove").Click();
        Button(cut, "Apply").Click();

        cut.WaitForAssertion(() => Assert.Contains(
            "The hard drive on IDE Controller 0, location 0 is removed from the virtual machine; its file '/srv/vms/web01/Virtual Hard Disks/web01.qcow2' is kept on disk.",
            cut.Markup, StringComparison.Ordinal));
        Assert.Empty(Engine.Updated);
        Assert.True(Button(cut, "OK").HasAttribute("disabled"));

        Button(cut, "Remove and apply").Click();

        cut.WaitForAssertion(() => Assert.Single(Engine.Updated));
        var drive = Assert.Single(Engine.Updated[0].Drives!);
        Assert.Equal(DriveKind.Dvd, drive.Kind);
    }

    [Fact]
    public void Bios_MoveIdeUp_BootOrderStartsWithIde()
    {
        var cut = RenderEditor(Vm(VmGeneration.One));
        SelectPage(cut, "boot");

        Button(cut, "Move IDE up").Click();
        Button(cut, "Apply").Click();

        cut.WaitForAssertion(() => Assert.Single(Engine.Updated));
        Assert.Equal([BootDevice.HardDrive, BootDevice.Cd, BootDevice.Network, BootDevice.Floppy], Engine.Updated[0].BootOrder!);
    }

    [Fact]
    public void Apply_EngineRefuses_ShowsTheReasonAndStays()
    {
        Engine.UpdateFailWith = new VmStateException("VM 'web01' is Running; turn it off to change its processors.");
        var cut = RenderEditor(Vm());
        SelectPage(cut, "processor");
        Input(cut, "Number of virtual processors").Input("2");

        Button(cut, "Apply").Click();

        cut.WaitForAssertion(() => Assert.Contains("The settings were not applied: VM 'web01' is Running; turn it off to change its processors.", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(Engine.Updated);
    }

    [Fact]
    public void Tree_ArrowDown_SelectsTheNextPage()
    {
        var cut = RenderEditor(Vm());

        cut.Find("li[data-key='add']").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowDown" });

        Assert.Equal("boot", cut.Find("li[aria-selected='true']").GetAttribute("data-key"));
        Assert.Equal("0", cut.Find("li[data-key='boot']").GetAttribute("tabindex"));
        Assert.Equal("-1", cut.Find("li[data-key='add']").GetAttribute("tabindex"));
    }
}
