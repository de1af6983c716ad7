using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;

namespace HvWeb.Tests.Unit.Qemu;

/// <summary>Test data: a small VM and a TCG launch context with fixed paths.</summary>
internal static class TestVm
{
    public static readonly Guid Id = Guid.Parse("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");

    public static VmDefinition Create(VmGeneration generation, params DriveDefinition[] drives) => new()
    {
        Id = Id,
        Name = "web01",
        Generation = generation,
        Drives = drives,
        CreatedUtc = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Folder = "/srv/vms/web01",
    };

    public static QemuLaunchContext Context(Accelerator accelerator = Accelerator.Tcg) => new()
    {
        Accelerator = accelerator,
        SocketFolder = "/tmp/hvweb-test/" + Id,
        RuntimeFolder = "/srv/vms/web01/Virtual Machines/" + Id,
    };

    public static DriveDefinition Disk(ControllerType controller, int number, int location, string path) =>
        new() { Controller = controller, ControllerNumber = number, Location = location, Path = path };

    public static DriveDefinition Dvd(ControllerType controller, int number, int location, string? iso = null) =>
        new() { Controller = controller, ControllerNumber = number, Location = location, Kind = DriveKind.Dvd, Path = iso };
}
