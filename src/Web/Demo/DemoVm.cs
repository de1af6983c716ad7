using HvWeb.Engine.Model;

namespace HvWeb.Web.Demo;

/// <summary>The VM a new host shows so there is something to start: the project's tiny BIOS guest.</summary>
public static class DemoVm
{
    public const string Name = "Demo VM";
    public const string ImageFileName = "tiny-bios.qcow2";
    public const string MarkerFileName = ".demo-created";

    public static VmCreateRequest Request(string imagePath) => new()
    {
        Name = Name,
        Notes = "The project's tiny Linux guest (guest/tiny-bios.qcow2), created on the first run so there is "
            + "something to start. Delete it any time; it does not come back.",
        Generation = VmGeneration.One,
        Version = "8.0",
        MemoryStartupMb = 256,
        ProcessorCount = 1,
        CopyDiskFrom = imagePath,
    };
}
