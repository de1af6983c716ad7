using HvWeb.Engine.Model;

namespace HvWeb.Web.Api.Contracts;

public sealed record DriveDto(ControllerType Controller, int ControllerNumber, int Location, DriveKind Kind, string? Path)
{
    public static DriveDto From(DriveDefinition drive) =>
        new(drive.Controller, drive.ControllerNumber, drive.Location, drive.Kind, drive.Path);
}
