namespace HvWeb.Jobs.Runner;

/// <summary>The sentences the runner writes into logs and refusals.</summary>
internal static class JobSentences
{
    /// <summary>The reason given to jobs found unfinished at start-up, and to jobs a graceful stop cut short.</summary>
    public const string ServerStoppedWhileRunning = "The server stopped while the job was running.";

    public const string ServerStoppedBeforeStart = "The server stopped before the job started.";

    /// <summary>"'web01' is being saved (45 %); wait or cancel the save."</summary>
    public static string VmLocked(JobEntry holder)
    {
        var info = holder.Info;
        var words = holder.Job.Wording;
        var vm = info.VmName ?? info.VmId?.ToString() ?? "The VM";
        var what = info.CanCancel ? $"wait or cancel the {words.Noun}" : $"wait for the {words.Noun} to finish";
        return info.State == JobState.Running
            ? $"'{vm}' is {words.BeingDone} ({info.Percent} %); {what}."
            : $"'{vm}' has a {words.Noun} waiting in the queue; wait or cancel the {words.Noun}.";
    }

    public static string Outcome(JobState state, string? error, string? cancelledBy, TimeSpan duration) => state switch
    {
        JobState.Succeeded => $"Succeeded in {Seconds(duration)}.",
        JobState.Failed => $"Failed: {error}",
        JobState.Cancelled => cancelledBy is null ? "Cancelled." : $"Cancelled at the request of {cancelledBy}.",
        JobState.Aborted => $"Aborted: {error}",
        JobState.Queued or JobState.Running => throw new ArgumentOutOfRangeException(nameof(state), state, "Not an outcome."),
    };

    public static string CannotCancel(JobInfo job) => JobEntry.IsTerminal(job.State)
        ? $"The job \"{job.Description}\" has already ended ({job.State}); there is nothing to cancel."
        : $"The job \"{job.Description}\" cannot be cancelled once it has started; wait for it to finish.";

    private static string Seconds(TimeSpan duration) => $"{duration.TotalSeconds:0.0} s";
}
