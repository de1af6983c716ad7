namespace HvWeb.Jobs;

/// <summary>
/// How a job's work is named in sentences, e.g. for a save: "Saving", "being saved", "save", so
/// that the per-VM lock can say "'web01' is being saved (45 %); wait or cancel the save."
/// </summary>
/// <param name="Activity">Present participle for a status ("Saving").</param>
/// <param name="BeingDone">Passive, after "is" ("being saved").</param>
/// <param name="Noun">The operation as a noun, after "the" ("save").</param>
public sealed record JobWording(string Activity, string BeingDone, string Noun)
{
    /// <summary>For jobs that name nothing better: built from the job's description.</summary>
    public static JobWording Generic(string description) =>
        new(description, $"busy with \"{description}\"", "job");
}
