namespace HvWeb.Jobs.Runner;

/// <summary>Where the runner holds a job (not the same as its <see cref="JobState"/>).</summary>
internal enum JobPlace
{
    /// <summary>Holds its VM's lock while it is validated and recorded; not yet in the queue.</summary>
    Accepted,

    /// <summary>Waiting in the queue for a free slot of its kind.</summary>
    Queued,

    /// <summary>Counts against its kind's limit.</summary>
    Running,

    /// <summary>Gone from the runner: ended, or refused before it was recorded.</summary>
    Gone,
}
