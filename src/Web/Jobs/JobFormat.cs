using System.Globalization;
using HvWeb.Jobs;
using MudBlazor;

namespace HvWeb.Web.Jobs;

/// <summary>How jobs read on pages and in notifications (times in UTC, states with colour and icon).</summary>
public static class JobFormat
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static bool IsFinished(JobState state) => state switch
    {
        JobState.Queued or JobState.Running => false,
        JobState.Succeeded or JobState.Failed or JobState.Cancelled or JobState.Aborted => true,
    };

    /// <summary>The Cancel button applies: the job allows it and has not ended.</summary>
    public static bool CanCancelNow(JobInfo job) => job.CanCancel && !IsFinished(job.State);

    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) : "";

    public static string Percent(JobInfo job) => string.Create(CultureInfo.InvariantCulture, $"{job.Percent} %");

    public static Color StateColor(JobState state) => state switch
    {
        JobState.Queued => Color.Default,
        JobState.Running => Color.Info,
        JobState.Succeeded => Color.Success,
        JobState.Failed => Color.Error,
        JobState.Cancelled => Color.Warning,
        JobState.Aborted => Color.Error,
    };

    public static string StateIcon(JobState state) => state switch
    {
        JobState.Queued => Icons.Material.Filled.HourglassEmpty,
        JobState.Running => Icons.Material.Filled.Autorenew,
        JobState.Succeeded => Icons.Material.Filled.CheckCircle,
        JobState.Failed => Icons.Material.Filled.Error,
        JobState.Cancelled => Icons.Material.Filled.Cancel,
        JobState.Aborted => Icons.Material.Filled.ReportProblem,
    };

    /// <summary>The notification when a job ends: "Save VM 'web01' succeeded." / "… failed: reason".</summary>
    public static string Outcome(JobInfo job) => job.State switch
    {
        JobState.Succeeded => $"{job.Description} succeeded.",
        JobState.Failed => $"{job.Description} failed: {job.Error ?? "no reason was given"}",
        JobState.Cancelled => $"{job.Description} was cancelled.",
        JobState.Aborted => $"{job.Description} was aborted: {job.Error ?? "the server stopped under it"}",
        JobState.Queued or JobState.Running => $"{job.Description} is {job.State}.",
    };

    public static Severity OutcomeSeverity(JobState state) => state switch
    {
        JobState.Succeeded => Severity.Success,
        JobState.Failed or JobState.Aborted => Severity.Error,
        JobState.Cancelled => Severity.Warning,
        JobState.Queued or JobState.Running => Severity.Info,
    };
}
