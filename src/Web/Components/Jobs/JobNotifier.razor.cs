using HvWeb.Jobs;
using HvWeb.Web.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace HvWeb.Web.Components.Jobs;

/// <summary>
/// Lives in the layout, so it runs on every page of the circuit: when a job that the signed-in user
/// started ends (succeeded, failed with the reason, cancelled, aborted), a snackbar says so, with a
/// link to the job. Jobs already finished when the page opened are not announced again.
/// </summary>
public sealed partial class JobNotifier : IDisposable
{
    /// <summary>Finished jobs remembered (so a repeated final change is not announced twice); the oldest are forgotten beyond this.</summary>
    private const int RememberedFinishedJobs = 500;

    private readonly Dictionary<Guid, JobState> _known = [];
    private readonly Queue<Guid> _finished = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationToken _stopping;
    private JobSubscription? _subscription;
    private string? _user;

    public JobNotifier() => _stopping = _stop.Token;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private IJobService JobService { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<JobNotifier> Logger { get; set; } = default!;

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

        _subscription = JobService.Subscribe();
        foreach (var job in _subscription.InitialState)
        {
            Remember(job);
        }

        _ = WatchAsync(_subscription, _stopping);
    }

    private async Task WatchAsync(JobSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var job in subscription.Changes(cancellationToken))
            {
                await InvokeAsync(() => Apply(job));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The circuit went away.
        }
        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
        {
            // The circuit went away while a change was being applied.
        }
#pragma warning disable CA1031 // Notifications are a courtesy: a broken stream is logged, the circuit goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Job notifications stopped");
        }
    }

    private void Apply(JobInfo job)
    {
        var wasFinished = _known.TryGetValue(job.Id, out var before) && JobFormat.IsFinished(before);
        Remember(job);
        if (wasFinished || !JobFormat.IsFinished(job.State) || _user is null || !string.Equals(job.StartedBy, _user, StringComparison.Ordinal))
        {
            return;
        }

        Snackbar.Add(JobFormat.Outcome(job), JobFormat.OutcomeSeverity(job.State), options =>
        {
            options.Action = "View";
            options.ActionColor = Color.Inherit;
            options.OnClick = _ =>
            {
                Navigation.NavigateTo($"jobs/{job.Id}");
                return Task.CompletedTask;
            };
        }, key: $"job-{job.Id}");
    }

    private void Remember(JobInfo job)
    {
        var isNewFinish = JobFormat.IsFinished(job.State) && !(_known.TryGetValue(job.Id, out var before) && JobFormat.IsFinished(before));
        _known[job.Id] = job.State;
        if (isNewFinish)
        {
            _finished.Enqueue(job.Id);
            while (_finished.Count > RememberedFinishedJobs)
            {
                _known.Remove(_finished.Dequeue());
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _subscription?.Dispose();
        _stop.Dispose();
    }
}
