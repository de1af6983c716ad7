using AngleSharp.Dom;
using Bunit;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Jobs.Vms;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Web.Components.Settings;
using HvWeb.Web.Vms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace HvWeb.Tests.Unit.Web.Settings;

/// <summary>bUnit with MudBlazor, the fake engine (its CheckUpdate rules stated by each test) and "admin" signed in.</summary>
public abstract class SettingsTestContext : BunitContext, IAsyncLifetime
{
    protected SettingsTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton<IVmManager>(Engine);
        Services.AddSingleton(new VmActionRunner(Engine, Jobs, Jobs, new VmJobFactory(Engine)));
        AddAuthorization().SetAuthorized("admin");
    }

    private bool _popovers;

    protected FakeVmManager Engine { get; } = new();

    protected FakeJobService Jobs { get; } = new();

    protected IRenderedComponent<VmSettingsEditor> RenderEditor(VmSnapshot vm)
    {
        Engine.With(vm);
        RenderPopovers();
        return Render<VmSettingsEditor>(p => p.Add(e => e.VmId, vm.Id));
    }

    protected static VmSnapshot Vm(VmGeneration generation = VmGeneration.One, VmState state = VmState.Off, Func<VmDefinition, VmDefinition>? change = null)
    {
        var definition = new VmDefinition
        {
            Id = Guid.NewGuid(),
            Name = "web01",
            Generation = generation,
            MemoryStartupMb = 1024,
            ScsiControllerCount = generation == VmGeneration.One ? 0 : 1,
            BootOrder = generation == VmGeneration.One
                ? [BootDevice.Cd, BootDevice.HardDrive, BootDevice.Network, BootDevice.Floppy]
                : [BootDevice.HardDrive, BootDevice.Cd, BootDevice.Network],
            Drives = generation == VmGeneration.One
                ?
                [
                    new DriveDefinition { Controller = ControllerType.Ide, ControllerNumber = 0, Location = 0, Path = "/srv/vms/web01/Virtual Hard Disks/web01.qcow2" },
                    new DriveDefinition { Controller = ControllerType.Ide, ControllerNumber = 1, Location = 0, Kind = DriveKind.Dvd },
                ]
                :
                [
                    new DriveDefinition { Controller = ControllerType.Scsi, ControllerNumber = 0, Location = 0, Path = "/srv/vms/web01/Virtual Hard Disks/web01.qcow2" },
                    new DriveDefinition { Controller = ControllerType.Scsi, ControllerNumber = 0, Location = 1, Kind = DriveKind.Dvd },
                ],
            CreatedUtc = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            Folder = "/srv/vms/web01",
        };
        return new VmSnapshot { Definition = change?.Invoke(definition) ?? definition, State = state };
    }

    protected void RenderPopovers()
    {
        if (!_popovers)
        {
            Render<MudPopoverProvider>();
            _popovers = true;
        }
    }

    /// <summary>The tree's page labels, in order.</summary>
    protected static List<string> TreeLabels(IRenderedComponent<VmSettingsEditor> cut) =>
        [.. cut.FindAll("li[role='treeitem'] .hv-tree-label").Select(e => e.TextContent.Trim())];

    protected static void SelectPage(IRenderedComponent<VmSettingsEditor> cut, string key) =>
        cut.Find($"li[role='treeitem'][data-key='{key}']").Click();

    /// <summary>The input a label names (its accessible name).</summary>
    protected static IElement Input(IRenderedComponent<VmSettingsEditor> cut, string label)
    {
        var element = cut.FindAll("label").First(l => l.TextContent.Trim() == label);
        return element.GetAttribute("for") is { Length: > 0 } id ? cut.Find($"#{id}") : element.QuerySelector("input")!;
    }

    protected static IElement Button(IRenderedComponent<VmSettingsEditor> cut, string text) =>
        cut.FindAll("button").First(b => b.TextContent.Trim() == text || b.GetAttribute("aria-label") == text);

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's services are async-disposable only, so the container must be disposed asynchronously.</summary>
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
