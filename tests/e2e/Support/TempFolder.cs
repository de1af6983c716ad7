namespace HvWeb.Tests.E2e.Support;

/// <summary>A data root of its own for one test; removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "hvweb-e2e-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A QEMU process that a failed test left behind may still hold a file; not worth failing for.
        }
    }
}
