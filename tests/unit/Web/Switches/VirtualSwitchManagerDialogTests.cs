using System.Net;
using AngleSharp.Dom;
using Bunit;
using HvWeb.Engine;
using HvWeb.Engine.Networking;
using HvWeb.Tests.Unit.Web.Wizard;
using HvWeb.Web.Components.Switches;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HvWeb.Tests.Unit.Web.Switches;

public sealed class VirtualSwitchManagerDialogTests : WizardTestContext
{
    private readonly RecordingIpTool _ip = new();

    private IElement Button(string text) => Dialogs.FindAll("button").First(b => b.TextContent.Trim().StartsWith(text, StringComparison.Ordinal));

    private IElement Field(string label) =>
        Dialogs.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label).QuerySelector("input")!;

    private SwitchService Register(string? unavailable = null)
    {
        var service = new SwitchService(Options.Create(new EngineOptions { DataRoot = DataRoot }), NullLogger<SwitchService>.Instance, _ip) { Unavailable = unavailable };
        Services.AddSingleton(service);
        Services.AddSingleton(new MacAddressPool(DataRoot, () => IPAddress.Parse("10.1.2.3")));
        return service;
    }

    [Fact]
    public async Task NewSwitch_Apply_BuildsBridgeAndListsIt()
    {
        var service = Register();
        await ShowAsync<VirtualSwitchManagerDialog>();

        await Dialogs.InvokeAsync(() => Button("New virtual network switch").Click());
        Field("Name").Change("Lab");
        await Dialogs.InvokeAsync(() => Button("Apply").Click());

        Dialogs.WaitForAssertion(() => Assert.Contains("Virtual switch 'Lab' was saved.", Dialogs.Markup, StringComparison.Ordinal));
        var created = Assert.Single(service.List());
        Assert.Equal(SwitchType.Private, created.Type);
        Assert.Contains(_ip.Calls, c => c.SequenceEqual(LinkCommands.AddBridge(created.BridgeName)));
        Assert.True(File.Exists(Path.Combine(DataRoot, SwitchStore.FileName)));
        Assert.NotNull(Dialogs.FindAll("button").FirstOrDefault(b => b.GetAttribute("aria-label") == "Lab (Private)"));
    }

    [Fact]
    public async Task NoNetAdmin_SaysWhy_NewDisabled()
    {
        Register("HvWeb's process lacks CAP_NET_ADMIN.");
        await ShowAsync<VirtualSwitchManagerDialog>();

        Assert.Contains("Virtual switches cannot be created on this host: HvWeb's process lacks CAP_NET_ADMIN.", Dialogs.Markup, StringComparison.Ordinal);
        Assert.True(Button("New virtual network switch").IsDisabled());
    }

    [Fact]
    public async Task MacAddressRange_DefaultFromHostAddress_BadMinimumNamed()
    {
        Register();
        await ShowAsync<VirtualSwitchManagerDialog>();

        await Dialogs.InvokeAsync(() => Button("MAC Address Range").Click());
        Assert.Equal("00-15-5D-02-03-00", Field("Minimum").GetAttribute("value"));
        Field("Minimum").Change("01-00-00-00-00-00");
        await Dialogs.InvokeAsync(() => Button("Apply").Click());

        Dialogs.WaitForAssertion(() => Assert.Contains("multicast", Dialogs.Markup, StringComparison.Ordinal));
    }

    /// <summary>The seam: records the ip / nft / tc argument lists instead of changing the machine's network.</summary>
    private sealed class RecordingIpTool : IpTool
    {
        public List<IReadOnlyList<string>> Calls { get; } = [];

        public override Task<string> RunToolAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
        {
            Calls.Add(arguments);
            if (arguments.SequenceEqual(LinkCommands.Show(arguments[^1])))
            {
                throw new HvWeb.Engine.Errors.VmOperationException($"Device \"{arguments[^1]}\" does not exist.");
            }

            var json = arguments.Count > 0 && arguments[0] == "-j";
            return Task.FromResult(json ? "[]" : "");
        }
    }
}
