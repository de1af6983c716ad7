using Bunit;
using HvWeb.Engine.Model;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Tests.Unit.Web.Pages;
using HvWeb.Web.Components.Inventory;

namespace HvWeb.Tests.Unit.Display;

/// <summary>The Actions pane's Connect... and the list's optional Screen column (and the Summary tab's thumbnail).</summary>
public sealed class VmListDisplayTests : HomePageTestContext
{
    [Theory]
    [InlineData(VmState.Off)]
    [InlineData(VmState.Running)]
    public void Connect_AnyState_OpensConsoleInNewTab(VmState state)
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(state).Build();
        Engine.With(vm);
        var page = RenderHome();
        Select(page, "web01");

        var link = page.Find("a[aria-label='Connect to web01']");

        Assert.Equal($"/vms/{vm.Id:D}/console", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
    }

    [Fact]
    public async Task ScreenColumn_Chosen_RunningVm_LiveThumbnailImage_OffVm_Placeholder()
    {
        var running = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build();
        var off = new VmSnapshotBuilder().Named("db01").In(VmState.Off).Build();
        Engine.With(running, off);
        await Preferences.SetAsync("admin", VmColumns.PreferenceKey, VmColumns.Serialize([.. VmColumns.Default, VmColumn.Screen]));

        var page = RenderHome();

        page.WaitForAssertion(() => Assert.Equal(
            $"/api/v1/vms/{running.Id:D}/thumbnail?width=64",
            Row(page, "web01").QuerySelector("img[alt='Screen of web01']")!.GetAttribute("data-hv-thumbnail")));
        Assert.NotNull(Row(page, "db01").QuerySelector("[aria-label='db01 has no screen (Off)']"));
    }

    [Fact]
    public void ScreenColumn_NotChosen_ThumbnailOnlyInTheSelectedVmsSummary()
    {
        Engine.With(new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build());
        var page = RenderHome();
        Assert.Empty(page.FindAll("img[alt='Screen of web01']"));

        Select(page, "web01");

        Assert.Empty(page.FindAll("tbody img[alt='Screen of web01']"));
        Assert.Single(page.FindAll("img[alt='Screen of web01']"));
    }
}
