using System.Globalization;

namespace HvWeb.StorageBench;

/// <summary>--size-gib (default 4), --folder (default a new temporary folder, removed afterwards).</summary>
internal sealed record ExportBenchSettings(int SizeGib, string Folder, bool TemporaryFolder)
{
    public static ExportBenchSettings Parse(string[] args)
    {
        var size = 4;
        string? folder = null;
        for (var i = 0; i < args.Length - 1; i += 2)
        {
            switch (args[i])
            {
                case "--size-gib":
                    size = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--folder":
                    folder = args[i + 1];
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        return folder is null
            ? new ExportBenchSettings(size, Directory.CreateTempSubdirectory("hvweb-bench-storage-").FullName, true)
            : new ExportBenchSettings(size, Path.GetFullPath(folder), false);
    }
}
