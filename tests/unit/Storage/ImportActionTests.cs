using Bunit;
using HvWeb.Engine;
using HvWeb.Engine.Host;
using HvWeb.Engine.Storage;
using HvWeb.Jobs.Storage;
using HvWeb.Tests.Unit.Web.Pages;
using HvWeb.Web.Components.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HvWeb.Tests.Unit.Storage;

/// <summary>"Import Virtual Machine..." in the host's section of the Actions pane opens the wizard.</summary>
public sealed class ImportActionTests : HomePageTestContext
{
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("hvweb-import-action-").FullName;

    public ImportActionTests()
    {
        Services.AddSingleton<IImportService>(new ImportServiceFake());
        Services.AddSingleton<StorageJobs>();
        Services.AddSingleton(new HostSettingsStore(Options.Create(new EngineOptions { DataRoot = _dataRoot })));
    }

    [Fact]
    public void ActionsPane_HostSection_ImportVirtualMachineAfterNewOpensTheWizard()
    {
        try
        {
            OpenFromTheActionsPane();
        }
        finally
        {
            Directory.Delete(_dataRoot, recursive: true);
        }
    }

    private void OpenFromTheActionsPane()
    {
        var page = RenderHome();

        var host = page.Find("nav[aria-label='Actions'] section");
        var names = host.QuerySelectorAll("button").Select(b => b.GetAttribute("aria-label")).ToList();
        Assert.Equal(["New Virtual Machine", "New Hard Disk", "Import Virtual Machine", "Hyper-V Settings"], names.Take(4));
        Assert.Equal("Import Virtual Machine...", Button(page, "Import Virtual Machine").TextContent.Trim());

        page.InvokeAsync(() => Button(page, "Import Virtual Machine").Click());

        Dialogs.WaitForAssertion(() => Assert.Equal(ImportPage.LocateFolder, Dialogs.FindComponent<ImportWizard>().Instance.Page));
    }
}
