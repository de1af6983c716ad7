using HvWeb.Engine.Model;

namespace HvWeb.Web.Components.Settings;

/// <summary>A hard drive or DVD drive as the Settings dialog edits it.</summary>
public sealed class DriveItem
{
    public ControllerType Controller { get; set; }
    public int ControllerNumber { get; set; }
    public int Location { get; set; }
    public DriveKind Kind { get; set; }
    /// <summary>The disk file, or the DVD's image file ("" = none).</summary>
    public string Path { get; set; } = "";

    public static DriveItem From(DriveDefinition drive) => new()
    {
        Controller = drive.Controller,
        ControllerNumber = drive.ControllerNumber,
        Location = drive.Location,
        Kind = drive.Kind,
        Path = drive.Path ?? "",
    };

    public DriveDefinition ToDefinition() => new()
    {
        Controller = Controller,
        ControllerNumber = ControllerNumber,
        Location = Location,
        Kind = Kind,
        Path = Path.Length == 0 ? null : Path,
    };
}
