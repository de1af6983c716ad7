using Bunit;
using HvWeb.Engine.Model;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Tests.Unit.Web.Pages;
using HvWeb.Web.Components.Inventory;
using HvWeb.Web.Components.Pages;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HvWeb.Tests.Unit.Web.Inventory;

/// <summary>Without a working preference store the console still works: default columns, confirmations asked, the user told.</summary>
public sealed class PreferenceFailureTests : HomePageTestContext
{
    [Fact]
    public void StoreBroken_DefaultColumns_TurnOffStillAsks_ColumnChoiceAppliesAndSaysNotRemembered()
    {
        Preferences = new BrokenPreferenceStore();
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build();
        Engine.With(vm);
        var page = RenderHome();
        Assert.Equal(VmColumns.Default.Count, page.FindAll("th button").Count);

        Select(page, "web01");
        Button(page, "Turn Off web01").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains(Home.TurnOffWarning, Dialogs.Markup, StringComparison.Ordinal));
        ClickDialogButton("Cancel");

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Add/Remove Columns...").Click();
        Dialogs.WaitForAssertion(() => Dialogs.FindAll("label").Single(l => l.TextContent.Trim() == "Notes").QuerySelector("input")!.Change(true));
        ClickDialogButton("OK");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("td[data-label='Notes']")));
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message?.Contains("could not be remembered", StringComparison.Ordinal) == true);
    }
}
