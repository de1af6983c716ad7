using HvWeb.Bench.StorageMove;
using HvWeb.StorageBench;

// Storage benchmarks on real QEMU (see docs/storage.md "Benchmarks"):
//   export [--size-gib N] [--folder DIR]   Export of a VM with a dense and a half-sparse disk (Off and Running) vs qemu-img convert of the same disks.
//   move [IMAGES] [ALLOCATED-MB]           Storage move of a running tiny guest (~1 GiB allocated) vs offline qemu-img convert; the guest's longest pause; writes with and without a move.
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
    case "move":
        var images = args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("HVWEB_GUEST_IMAGES")
            ?? throw new ArgumentException("Pass the guest images folder (bash guest/build.sh | tail -1) or set HVWEB_GUEST_IMAGES.");
        var allocatedMb = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1024;
        var result = await MoveBenchmark.RunAsync(images, allocatedMb);
        Console.WriteLine();
        Console.WriteLine(result);
        return 0;
    default:
        Console.Error.WriteLine("usage: StorageBench export [--size-gib N] [--folder DIR] | move [IMAGES] [ALLOCATED-MB]");
        return 2;
}
