namespace HvWeb.Engine.Model;

/// <summary>Hyper-V's VM generation: 1 = BIOS / i440FX / IDE, 2 = UEFI / Q35 / SCSI only.</summary>
public enum VmGeneration
{
    One = 1,
    Two = 2,
}
