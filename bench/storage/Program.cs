using HvWeb.StorageBench;

// Storage benchmarks on real QEMU (see docs/storage.md "Benchmarks"):
//   export [--size-gib N] [--folder DIR]   Export of a VM with a dense and a half-sparse disk (Off and Running) vs qemu-img convert of the same disks.
//   move                                    (storage move; added with the storage move work)
var mode = args.Length > 0 ? args[0] : "";
switch (mode)
{
    case "export":
        var settings = ExportBenchSettings.Parse(args[1..]);
        Console.WriteLine($"export bench: {settings.SizeGib} GiB disks in {settings.Folder}");
        var rows = await ExportBench.RunAsync(settings);
        Console.WriteLine();
        Console.WriteLine(ExportBench.ToMarkdown(rows));
        return 0;
    default:
        Console.Error.WriteLine("usage: StorageBench export [--size-gib N] [--folder DIR]");
        return 2;
}
