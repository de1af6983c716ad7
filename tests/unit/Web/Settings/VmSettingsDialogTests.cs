using Bunit;
using HvWeb.Engine.Model;
using HvWeb.Web.Components.Settings;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace HvWeb.Tests.Unit.Web.Settings;

public sealed class VmSettingsDialogTests : SettingsTestContext
{
    [Fact]
    public async Task ShowAsync_WithVmId_LargeDialogTitledLikeHyperVAndCancelDiscards()
    {
        var vm = Vm(VmGeneration.Two);
        Engine.With(vm);
        RenderPopovers();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();

        var reference = await provider.InvokeAsync(() => dialogs.ShowAsync<VmSettingsDialog>("Settings",
            new DialogParameters<VmSettingsDialog> { { d => d.VmId, vm.Id } }));

        provider.WaitForAssertion(() => Assert.Contains("Settings for web01 on lab-host-01", provider.Markup, StringComparison.Ordinal));
        var options = provider.FindComponent<MudDialogContainer>().Instance.GetState(x => x.Options);
        Assert.Equal(MaxWidth.Large, options.MaxWidth);
        Assert.True(options.CloseOnEscapeKey);
        Assert.NotNull(provider.Find("ul[role='tree'][aria-label='Settings']"));

        provider.FindAll("button").First(b => b.TextContent.Trim() == "Cancel").Click();

        var result = await reference.Result;
        Assert.True(result!.Canceled);
        Assert.Empty(Engine.Updated);
    }

    [Fact]
    public void AddHardware_LegacyNetworkAdapter_OfferedOnGeneration1Only()
    {
        var gen1 = RenderEditor(Vm(VmGeneration.One));
        gen1.Find("li[data-key='add']").Click();
        Assert.Contains("Legacy Network Adapter", gen1.Find("section").TextContent, StringComparison.Ordinal);

        var gen2 = RenderEditor(Vm(VmGeneration.Two));
        gen2.Find("li[data-key='add']").Click();
        Assert.DoesNotContain("Legacy Network Adapter", gen2.Find("section").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ComPort_NamedPipeWithoutName_SentenceAndOkDisabled()
    {
        var cut = RenderEditor(Vm(VmGeneration.One, change: d => d with { Com1PipeName = "serial" }));
        cut.Find("li[data-key='com1']").Click();

        Input(cut, "Pipe name").Input("");

        cut.WaitForAssertion(() => Assert.Contains("Type the name of the named pipe for COM 1, or choose None.", cut.Markup, StringComparison.Ordinal));
        Assert.True(Button(cut, "OK").HasAttribute("disabled"));
    }
}
