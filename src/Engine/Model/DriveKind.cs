namespace HvWeb.Engine.Model;

public enum DriveKind
{
    HardDisk,
    Dvd,
}
