using HvWeb.Jobs;
using HvWeb.Web.Events;
using Microsoft.AspNetCore.Components;

namespace HvWeb.Web.Components.Jobs;

/// <summary>One job: its facts, progress, the reason it failed (with what to do, when known) and its log.</summary>
public partial class JobDetails
{
    /// <summary>Null while loading.</summary>
    [Parameter] public JobInfo? Job { get; set; }

    [Parameter] public IReadOnlyList<JobLogLine> Log { get; set; } = [];

    [Parameter] public bool NotFound { get; set; }

    [Parameter] public EventCallback<JobInfo> OnCancel { get; set; }

    private string? Advice => EventAdvice.For(Job?.Error);
}
