using AngleSharp.Dom;
using Bunit;
using HvWeb.Web.Components.Wizard;

namespace HvWeb.Tests.Unit.Web.Wizard;

/// <summary>"Use an existing virtual hard disk": attach in place or copy into the VM's folder, with the SID warning when copying.</summary>
public sealed class NewVmWizardCopyDiskTests : WizardTestContext
{
    private IRenderedComponent<NewVmWizard> Wizard => Dialogs.FindComponent<NewVmWizard>();

    private IElement Button(string text) => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private string PageText => Dialogs.Find(".hv-wizard-page").TextContent;

    private IElement CopyBox => Dialogs.FindAll(".hv-wizard-page label.hv-wizard-checkbox")
        .Single(l => l.TextContent.Trim() == "Copy the disk into the virtual machine's folder").QuerySelector("input")!;

    private async Task ExistingAsync(string fileName)
    {
        var disk = Path.Combine(DataRoot, fileName);
        await File.WriteAllBytesAsync(disk, new byte[512]);
        await ShowAsync<NewVmWizard>();
        while (Wizard.Instance.Page < WizardPage.VirtualHardDisk)
        {
            var page = Wizard.Instance.Page;
            await Dialogs.InvokeAsync(() => Button("Next >").Click());
            Dialogs.WaitForAssertion(() => Assert.NotEqual(page, Wizard.Instance.Page));
        }

        await Dialogs.InvokeAsync(() => Dialogs.FindAll(".hv-wizard-page input[type=radio]")[1].Click());
        Dialogs.FindAll(".hv-wizard-page .mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Existing disk location")
            .QuerySelector("input")!.Input(disk);
    }

    [Fact]
    public async Task Qcow2_AttachedInPlaceByDefault_CopyShowsTheSidWarning()
    {
        await ExistingAsync("base.qcow2");
        Dialogs.WaitForAssertion(() => Assert.Contains("Off: the disk is attached where it is", PageText, StringComparison.Ordinal));
        Assert.False(CopyBox.IsChecked());
        Assert.DoesNotContain("sysprep", PageText, StringComparison.Ordinal);
        Assert.Null(Wizard.Instance.Model.ToRequest().CopyDiskFrom);
        Assert.EndsWith("base.qcow2", Wizard.Instance.Model.ToRequest().ExistingDiskPath, StringComparison.Ordinal);

        await Dialogs.InvokeAsync(() => CopyBox.Change(true));

        Dialogs.WaitForAssertion(() => Assert.Contains(NewVmWizardModel.SidWarning, PageText, StringComparison.Ordinal));
        var request = Wizard.Instance.Model.ToRequest();
        Assert.EndsWith("base.qcow2", request.CopyDiskFrom, StringComparison.Ordinal);
        Assert.Null(request.ExistingDiskPath);
    }

    [Fact]
    public async Task Vhdx_ConvertedIsAlwaysACopy_BoxCheckedAndDisabled_WithTheWarning()
    {
        await ExistingAsync("windows.vhdx");

        Dialogs.WaitForAssertion(() => Assert.Contains("A converted disk is always a copy.", PageText, StringComparison.Ordinal));
        Assert.True(CopyBox.IsChecked());
        Assert.True(CopyBox.IsDisabled());
        Assert.Contains(NewVmWizardModel.SidWarning, PageText, StringComparison.Ordinal);
        Assert.EndsWith("windows.vhdx", Wizard.Instance.Model.ToRequest().CopyDiskFrom, StringComparison.Ordinal);
    }
}
