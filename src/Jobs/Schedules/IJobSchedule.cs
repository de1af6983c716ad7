namespace HvWeb.Jobs.Schedules;

/// <summary>
/// Recurring work (a replication cycle, a lab reset): every <see cref="Interval"/> the scheduler
/// queues a new job from <see cref="CreateJob"/>, unless the previous one has not ended yet.
/// </summary>
public interface IJobSchedule
{
    /// <summary>What a person reads in logs ("Replicate 'web01' every 5 minutes").</summary>
    string Name { get; }

    /// <summary>Time between two runs, counted from when the schedule was added; more than zero.</summary>
    TimeSpan Interval { get; }

    /// <summary>Who the jobs are started by.</summary>
    string StartedBy => "system";

    /// <summary>A new job for one run.</summary>
    IJob CreateJob();
}
