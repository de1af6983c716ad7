namespace HvWeb.Engine.Model;

/// <summary>Settings → Management → Checkpoints: the checkpoint type, as <c>Set-VM -CheckpointType</c>.</summary>
public enum CheckpointType
{
    /// <summary>Disks + memory + device state.</summary>
    Standard,
    /// <summary>Guest-consistent (guest agent freeze), disks only; falls back to Standard when production is impossible.</summary>
    Production,
    /// <summary>Production, never falling back to Standard.</summary>
    ProductionOnly,
}
