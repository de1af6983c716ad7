using Bunit;
using HvWeb.Engine.Events;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Persistence.Events;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Web.Components.Events;
using HvWeb.Web.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace HvWeb.Tests.Unit.Web.Events;

public sealed class EventLogPageTests : BunitContext, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly VmSnapshot Web01 = new VmSnapshotBuilder().Named("web01").In(VmState.Off).Build();

    private readonly FakeEventLogReader log = new();

    public EventLogPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton<IVmManager>(new FakeVmManager().With(Web01));
        Services.AddSingleton<IEventLogReader>(log);
        Services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
        Services.AddSingleton(Options.Create(new EventLogOptions { RetentionDays = 14, RetentionRows = 50_000 }));
        log.With(
            Event(EventLevel.Information, HostEvent.ManagementSource, null, "HvWeb started on lab-host-01.", minutesAgo: 120),
            Event(EventLevel.Warning, HostEvent.WorkerSource, Web01, "VM 'web01' did not shut down within 120 s.", minutesAgo: 30),
            Event(EventLevel.Error, HostEvent.WorkerSource, Web01, "VM 'web01' could not start: qemu-system-x86_64: Could not open '/srv/a.qcow2'", minutesAgo: 10));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    [Fact]
    public void Render_ShowsEventsNewestFirstWithLevelSourceVmAndRetention()
    {
        var page = RenderPage();

        Assert.Equal(["Error", "Warning", "Information"], Cells(page, "Level"));
        Assert.Equal(["Hyper-V-Worker", "Hyper-V-Worker", "Hyper-V-VMMS"], Cells(page, "Source"));
        Assert.Equal(["web01", "web01", ""], Cells(page, "VM"));
        Assert.Equal("2026-11-25 11:50:00", Cells(page, "Date and Time")[0]);
        Assert.Contains("kept for 14 days, at most 50,000 events", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_QemuStartFailure_ShowsWhatToDo()
    {
        var page = RenderPage();

        var error = page.FindAll("td[data-label='Message']")[0];
        Assert.Contains("Could not open '/srv/a.qcow2'", error.TextContent, StringComparison.Ordinal);
        Assert.Contains("What to do:", error.TextContent, StringComparison.Ordinal);
        Assert.Contains("qemu.log", error.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("What to do:", page.FindAll("td[data-label='Message']")[2].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LevelFilter_Errors_AsksForErrorsAndShowsOnlyThem()
    {
        var page = RenderPage();

        await ChooseAsync(page, "Level", nameof(EventLevel.Error));

        page.WaitForAssertion(() => Assert.Equal(["Error"], Cells(page, "Level")));
        Assert.Equal(EventLevel.Error, log.LastSearch.MinimumLevel);
    }

    [Fact]
    public async Task SourceAndVmFilters_PassedToTheSearch()
    {
        var page = RenderPage();

        await ChooseAsync(page, "Source", HostEvent.ManagementSource);
        page.WaitForAssertion(() => Assert.Equal(["Hyper-V-VMMS"], Cells(page, "Source")));
        await ChooseAsync(page, "Source", "");
        await ChooseAsync(page, "VM", Web01.Id.ToString());

        page.WaitForAssertion(() => Assert.Equal(["web01", "web01"], Cells(page, "VM")));
        Assert.Equal(Web01.Id, log.LastSearch.VmId);
        Assert.Null(log.LastSearch.Source);
    }

    [Fact]
    public async Task TimeRange_LastHour_SearchesFromAnHourAgo()
    {
        var page = RenderPage();

        var range = page.FindComponents<MudSelect<EventTimeRange>>().Single();
        await page.InvokeAsync(() => range.Instance.ValueChanged.InvokeAsync(EventTimeRange.LastHour));

        page.WaitForAssertion(() => Assert.Equal(["Error", "Warning"], Cells(page, "Level")));
        Assert.Equal(Now.AddHours(-1), log.LastSearch.FromUtc);
        Assert.Null(log.LastSearch.ToUtc);
    }

    [Fact]
    public async Task TextSearch_FindsInMessages()
    {
        var page = RenderPage();

        var find = page.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Find");
        await page.InvokeAsync(() => find.Instance.ValueChanged.InvokeAsync("shut down"));

        page.WaitForAssertion(() => Assert.Equal(["Warning"], Cells(page, "Level")));
        Assert.Equal("shut down", log.LastSearch.Text);
    }

    [Fact]
    public async Task ExportButton_LinksToCsvWithTheSameFilters()
    {
        var page = RenderPage();
        Assert.EndsWith("api/v1/events/export.csv", ExportHref(page), StringComparison.Ordinal);

        await ChooseAsync(page, "Level", nameof(EventLevel.Warning));
        var find = page.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Find");
        await page.InvokeAsync(() => find.Instance.ValueChanged.InvokeAsync("web 01"));
        var range = page.FindComponents<MudSelect<EventTimeRange>>().Single();
        await page.InvokeAsync(() => range.Instance.ValueChanged.InvokeAsync(EventTimeRange.Last24Hours));

        page.WaitForAssertion(() => Assert.Equal(
            "api/v1/events/export.csv?level=Warning&from=2026-11-24T12%3A00%3A00Z&text=web%2001",
            ExportHref(page)));
    }

    private IRenderedComponent<EventLogPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        return Render<EventLogPage>();
    }

    private static async Task ChooseAsync(IRenderedComponent<EventLogPage> page, string label, string value)
    {
        var select = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == label);
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    private static string[] Cells(IRenderedComponent<EventLogPage> page, string column) =>
        [.. page.FindAll($"td[data-label='{column}']").Select(c => c.TextContent.Trim())];

    private static string ExportHref(IRenderedComponent<EventLogPage> page) =>
        page.FindAll("a").Single(a => a.TextContent.Trim() == "Export CSV").GetAttribute("href")!;

    private static HostEvent Event(EventLevel level, string source, VmSnapshot? vm, string message, int minutesAgo) => new()
    {
        Id = minutesAgo,
        TimeUtc = Now.AddMinutes(-minutesAgo),
        Level = level,
        Source = source,
        VmId = vm?.Id,
        VmName = vm?.Name,
        Message = message,
    };
}
