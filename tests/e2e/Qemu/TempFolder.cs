namespace HvWeb.Tests.E2e.Qemu;

/// <summary>A short folder under /tmp (unix socket paths are limited to 107 bytes), deleted at the end.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "hvq")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A socket QEMU still held; /tmp is cleaned anyway.
        }
    }
}
