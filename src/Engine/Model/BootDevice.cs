namespace HvWeb.Engine.Model;

/// <summary>Boot order entries (generation 1 BIOS startup order; generation 2 firmware order).</summary>
public enum BootDevice
{
    Cd,
    HardDrive,
    Network,
    Floppy,
}
