namespace HvWeb.Engine.Storage;

/// <summary>A file the VM's records name and where it was found.</summary>
/// <param name="Owner">"VM 'web'" or "checkpoint 'A'", for the sentences.</param>
/// <param name="Found">Where it is (null: missing, or ejected).</param>
/// <param name="ByRequest">Found (or ejected) because the request's DiskLocations said where: a resolved MissingDisk fix-up.</param>
/// <param name="Ejected">Media the request leaves out (DiskLocations[recorded] = "").</param>
public sealed record ImportFileRef(string Recorded, ImportFileKind Kind, string Owner, string? Found, bool ByRequest = false, bool Ejected = false)
{
    public bool Missing => Found is null && !Ejected;
}
