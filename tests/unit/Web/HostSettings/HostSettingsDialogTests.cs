using AngleSharp.Dom;
using Bunit;
using HvWeb.Web.Components.HostSettings;
using HvWeb.Tests.Unit.Web.Wizard;

namespace HvWeb.Tests.Unit.Web.HostSettings;

public sealed class HostSettingsDialogTests : WizardTestContext
{
    private IElement Button(string text) => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private IElement Field(string label) =>
        Dialogs.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label).QuerySelector("input")!;

    [Fact]
    public async Task Open_ShowsTheStoredServerSettingsAndTheUsersChoices()
    {
        await ShowAsync<HostSettingsDialog>();

        Assert.Equal(HostSettings.Current.VirtualMachinesFolder, Field("Virtual machines folder").GetAttribute("value"));
        Assert.Equal("", Field("Virtual hard disks folder").GetAttribute("value") ?? "");
        Assert.Equal("2", Field("Simultaneous storage migrations").GetAttribute("value"));
        var text = Dialogs.Markup;
        Assert.Contains("Enhanced Session Mode Policy", text, StringComparison.Ordinal);
        Assert.Contains("is a basic session", text, StringComparison.Ordinal);
        Assert.Contains("Use on the virtual machine only when running full-screen", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StorageMigrationsOutOfRange_SentenceAndOkDisabled()
    {
        await ShowAsync<HostSettingsDialog>();

        Field("Simultaneous storage migrations").Input("40");

        Dialogs.WaitForAssertion(() => Assert.Contains("between 1 and 16", Dialogs.Markup, StringComparison.Ordinal));
        Assert.True(Button("OK").IsDisabled());
        Assert.True(Button("Apply").IsDisabled());
    }

    [Fact]
    public async Task Apply_ChangedFolderAndCount_StoredOnDisk()
    {
        await ShowAsync<HostSettingsDialog>();
        var folder = Path.Combine(DataRoot, "vms-elsewhere");

        Field("Virtual machines folder").Input(folder);
        Field("Simultaneous storage migrations").Input("3");
        Dialogs.WaitForAssertion(() => Assert.False(Button("Apply").IsDisabled()));
        await Dialogs.InvokeAsync(() => Button("Apply").Click());

        Dialogs.WaitForAssertion(() => Assert.Contains("The settings were saved.", Dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(folder, HostSettings.Current.VirtualMachinesFolder);
        Assert.Equal(3, HostSettings.Current.StorageMigrations);
        Assert.Equal(UserSettings.DefaultKeyboard, await Preferences.GetAsync("admin", UserSettings.KeyboardKey));
    }

    [Fact]
    public async Task ResetCheckBoxes_ForgetsConfirmAndWizardChoicesOfThisUserOnly()
    {
        await Preferences.SetAsync("admin", "confirm.delete-vm", "true");
        await Preferences.SetAsync("admin", "wizard.new-vm.skip-intro", "true");
        await Preferences.SetAsync("admin", "vmlist.columns", "[]");
        await Preferences.SetAsync("other", "confirm.delete-vm", "true");
        await ShowAsync<HostSettingsDialog>();

        await Dialogs.InvokeAsync(() => Button("Reset").Click());

        Dialogs.WaitForAssertion(() => Assert.Contains("2 remembered choices were reset.", Dialogs.Markup, StringComparison.Ordinal));
        Assert.Null(await Preferences.GetAsync("admin", "confirm.delete-vm"));
        Assert.Null(await Preferences.GetAsync("admin", "wizard.new-vm.skip-intro"));
        Assert.Equal("[]", await Preferences.GetAsync("admin", "vmlist.columns"));
        Assert.Equal("true", await Preferences.GetAsync("other", "confirm.delete-vm"));
    }
}
