namespace HvWeb.Engine.Model;

/// <summary>Where a drive is attached: IDE (generation 1 only) or SCSI (virtio-scsi).</summary>
public enum ControllerType
{
    Ide,
    Scsi,
}
