namespace HvWeb.Jobs.Schedules;

/// <summary>Runs <see cref="IJobSchedule"/>s; those registered in the container run from start-up.</summary>
public interface IJobScheduler
{
    /// <summary>
    /// Queues the schedule's job every <see cref="IJobSchedule.Interval"/> (the first one after
    /// one interval) until the returned handle is disposed or the server stops. A run is skipped,
    /// with a warning in the log, while the previous run's job has not ended or when the job is
    /// refused (its VM is locked, it does not validate).
    /// </summary>
    IDisposable Add(IJobSchedule schedule);
}
