using Bunit;
using HvWeb.Engine.Model;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Tests.Unit.Web.Pages;

namespace HvWeb.Tests.Unit.Display;

/// <summary>The VM list's Connect action and Screen column.</summary>
public sealed class VmListDisplayTests : HomePageTestContext
{
    [Theory]
    [InlineData(VmState.Off)]
    [InlineData(VmState.Running)]
    public void Connect_AnyState_OpensConsoleInNewTab(VmState state)
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(state).Build();
        Engine.With(vm);

        var link = RenderHome().Find("a[aria-label='Connect to web01']");

        Assert.Equal($"/vms/{vm.Id:D}/console", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
    }

    [Fact]
    public void ScreenColumn_RunningVm_LiveThumbnailImage_OffVm_Placeholder()
    {
        var running = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build();
        var off = new VmSnapshotBuilder().Named("db01").In(VmState.Off).Build();
        Engine.With(running, off);

        var page = RenderHome();

        var image = page.Find("img[alt='Screen of web01']");
        Assert.Equal($"/api/v1/vms/{running.Id:D}/thumbnail?width=128", image.GetAttribute("data-hv-thumbnail"));
        Assert.NotNull(page.Find("[aria-label='db01 has no screen (Off)']"));
    }

    [Fact]
    public void ScreenColumn_SwitchedOff_Hidden()
    {
        Engine.With(new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build());
        var page = RenderHome();

        page.Find("input[type=checkbox]").Change(false);

        Assert.Empty(page.FindAll("img[alt='Screen of web01']"));
    }
}
