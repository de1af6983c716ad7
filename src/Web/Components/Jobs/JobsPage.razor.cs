using HvWeb.Engine.Vms;
using HvWeb.Jobs;
using HvWeb.Web.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace HvWeb.Web.Components.Jobs;

/// <summary>
/// Running and past jobs from the store (so they are there after the browser or the server was
/// closed), kept live by <see cref="IJobService.Subscribe"/>; filters; one job's details and log.
/// </summary>
public sealed partial class JobsPage : IDisposable
{
    private const string AnyValue = "";
    private readonly Dictionary<Guid, JobRow> _rows = [];
    private readonly JobFilterChoices _choices = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationToken _stopping;
    private JobSubscription? _subscription;
    private string _user = JobUser.Unknown;
    private Guid? _loadedId;
    private bool _logLoading;
    private bool _logStale;

    public JobsPage() => _stopping = _stop.Token;

    [Parameter] public Guid? Id { get; set; }

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private IJobService JobService { get; set; } = default!;
    [Inject] private IVmManager VmManager { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ILogger<JobsPage> Logger { get; set; } = default!;

    private JobFilter Filter { get; set; } = new();

    private List<JobRow> Rows { get; set; } = [];

    private JobInfo? Selected { get; set; }

    private IReadOnlyList<JobLogLine> SelectedLog { get; set; } = [];

    private bool SelectedMissing { get; set; }

    private string VmChoice => Filter.VmId?.ToString() ?? AnyValue;

    private IEnumerable<(Guid Id, string Name)> VmOptions => _choices.Vms;

    private IEnumerable<string> KindOptions => _choices.Kinds;

    private IEnumerable<string> UserOptions => _choices.Users;

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            _user = JobUser.Of((await AuthenticationState).User);
        }

        if (_stopping.IsCancellationRequested)
        {
            return; // Disposed while the user was being read.
        }

        foreach (var vm in VmManager.List())
        {
            _choices.AddVm(vm.Id, vm.Name);
        }

        _subscription = JobService.Subscribe();
        _choices.Learn(_subscription.InitialState);
        _ = WatchAsync(_subscription, _stopping);
        await ReloadAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (Id != _loadedId)
        {
            _loadedId = Id;
            Selected = null;
            SelectedLog = [];
            SelectedMissing = false;
            if (Id is { } id)
            {
                await LoadSelectedAsync(id);
            }
        }
    }

    private async Task LoadSelectedAsync(Guid id)
    {
        try
        {
            Selected = await JobService.GetAsync(id);
            SelectedLog = await JobService.GetLogAsync(id);
        }
        catch (JobNotFoundException)
        {
            SelectedMissing = true;
        }
    }

    private async Task ReloadAsync()
    {
        var jobs = await JobService.QueryAsync(Filter.ToQuery());
        _choices.Learn(jobs);
        var fresh = new Dictionary<Guid, JobRow>();
        foreach (var job in jobs)
        {
            fresh[job.Id] = _rows.TryGetValue(job.Id, out var row) ? row : new JobRow(job);
            fresh[job.Id].Job = job;
        }

        _rows.Clear();
        foreach (var (id, row) in fresh)
        {
            _rows[id] = row;
        }

        SortRows();
    }

    private async Task WatchAsync(JobSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var job in subscription.Changes(cancellationToken))
            {
                await InvokeAsync(() =>
                {
                    Apply(job);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away.
        }
        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
        {
            // The circuit went away while a change was being applied.
        }
#pragma warning disable CA1031 // A broken stream must not take the circuit down; the page says so instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "The live job list stopped");
            await InvokeAsync(() => Snackbar.Add("The job list stopped updating; reload the page.", Severity.Warning));
        }
    }

    private void Apply(JobInfo job)
    {
        _choices.Learn([job]);
        if (Filter.Matches(job))
        {
            if (_rows.TryGetValue(job.Id, out var row))
            {
                row.Job = job;
            }
            else
            {
                _rows[job.Id] = new JobRow(job);
            }
        }
        else
        {
            _rows.Remove(job.Id);
        }

        SortRows();
        if (job.Id == Id)
        {
            Selected = job;
            SelectedMissing = false;
            _ = RefreshLogAsync(job.Id);
        }
    }

    /// <summary>Reloads the selected job's log after a change; changes arriving meanwhile cause one more load, not one each.</summary>
    private async Task RefreshLogAsync(Guid id)
    {
        if (_logLoading)
        {
            _logStale = true;
            return;
        }

        _logLoading = true;
        try
        {
            do
            {
                _logStale = false;
                var log = await JobService.GetLogAsync(id, _stopping);
                if (id == Id)
                {
                    SelectedLog = log;
                    StateHasChanged();
                }
            }
            while (_logStale && !_stopping.IsCancellationRequested);
        }
#pragma warning disable CA1031 // The log is shown again at the next change; a failed read must not end the circuit.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (!_stopping.IsCancellationRequested)
            {
                Logger.LogWarning(ex, "Reading the log of job {JobId} failed", id);
            }
        }
        finally
        {
            _logLoading = false;
        }
    }

    private void SortRows() => Rows = [.. _rows.Values.OrderByDescending(r => r.Job.CreatedUtc).ThenBy(r => r.Job.Id)];

    private Task OnVmChangedAsync(string value) =>
        SetFilterAsync(Filter with { VmId = Guid.TryParse(value, out var id) ? id : null });

    private Task OnKindChangedAsync(string value) =>
        SetFilterAsync(Filter with { Kind = string.IsNullOrEmpty(value) ? null : value });

    private Task OnStateChangedAsync(string value) =>
        SetFilterAsync(Filter with { State = Enum.TryParse<JobState>(value, out var state) ? state : null });

    private Task OnUserChangedAsync(string value) =>
        SetFilterAsync(Filter with { StartedBy = string.IsNullOrEmpty(value) ? null : value });

    private async Task SetFilterAsync(JobFilter filter)
    {
        Filter = filter;
        await ReloadAsync();
    }

    private async Task ConfirmCancelAsync(JobInfo job)
    {
        var answer = await Dialogs.ShowMessageBoxAsync(
            "Cancel job",
            $"Cancel '{job.Description}'? The operation stops and what it has done so far is undone where it can be.",
            yesText: "Cancel job",
            cancelText: "Keep running");
        if (answer != true)
        {
            return;
        }

        try
        {
            Apply(await JobService.CancelAsync(job.Id, _user));
        }
        catch (Exception ex) when (ex is JobStateException or JobNotFoundException)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _subscription?.Dispose();
        _stop.Dispose();
    }
}
