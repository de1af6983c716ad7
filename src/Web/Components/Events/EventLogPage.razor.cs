using HvWeb.Engine.Events;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Persistence.Events;
using HvWeb.Web.Events;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace HvWeb.Web.Components.Events;

/// <summary>
/// The event log like Event Viewer's Hyper-V-VMMS and Hyper-V-Worker logs: level with an icon,
/// time, source, VM and text; filters; CSV export of what the filters select; the retention.
/// </summary>
public sealed partial class EventLogPage
{
    /// <summary>The most events the page lists (the CSV export has no limit).</summary>
    public const int PageLimit = 500;

    private const string AnyValue = "";

    [Inject] private IEventLogReader EventLog { get; set; } = default!;
    [Inject] private IVmManager VmManager { get; set; } = default!;
    [Inject] private IOptions<EventLogOptions> RetentionOptions { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ILogger<EventLogPage> Logger { get; set; } = default!;

    private EventLogFilter Filter { get; set; } = new();

    private IReadOnlyList<HostEvent> Events { get; set; } = [];

    private IReadOnlyList<string> Sources { get; set; } = [];

    private IReadOnlyList<VmSnapshot> Vms { get; set; } = [];

    private bool Loading { get; set; }

    private EventLogOptions Retention => RetentionOptions.Value;

    private DateRange? CustomRange => Filter.FromDate is null && Filter.ToDate is null ? null : new DateRange(Filter.FromDate, Filter.ToDate);

    private string ExportUrl => Filter.ExportUrl(Time.GetUtcNow());

    protected override async Task OnInitializedAsync()
    {
        Vms = VmManager.List();
        Sources = MergeKnownSources(await EventLog.SourcesAsync());
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        Loading = true;
        try
        {
            Events = await EventLog.SearchAsync(Filter.ToSearch(Time.GetUtcNow(), PageLimit));
        }
#pragma warning disable CA1031 // A failed read is shown to the user, not thrown into the circuit.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Reading the event log failed");
            Snackbar.Add("The event log could not be read: " + ex.Message, Severity.Error);
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>Hyper-V's two sources are always offered, even before they have logged anything.</summary>
    private static List<string> MergeKnownSources(IEnumerable<string> found) =>
        [.. found.Union([HostEvent.ManagementSource, HostEvent.WorkerSource], StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private Task OnLevelChangedAsync(string value) =>
        SetFilterAsync(Filter with { MinimumLevel = Enum.TryParse<EventLevel>(value, out var level) ? level : null });

    private Task OnSourceChangedAsync(string value) =>
        SetFilterAsync(Filter with { Source = string.IsNullOrEmpty(value) ? null : value });

    private Task OnVmChangedAsync(string value) =>
        SetFilterAsync(Filter with { VmId = Guid.TryParse(value, out var id) ? id : null });

    private Task OnRangeChangedAsync(EventTimeRange range) => SetFilterAsync(Filter with { Range = range });

    private Task OnCustomRangeChangedAsync(DateRange? range) =>
        SetFilterAsync(Filter with { FromDate = range?.Start, ToDate = range?.End });

    private Task OnTextChangedAsync(string? text) => SetFilterAsync(Filter with { Text = text });

    private async Task SetFilterAsync(EventLogFilter filter)
    {
        Filter = filter;
        await ReloadAsync();
    }
}
