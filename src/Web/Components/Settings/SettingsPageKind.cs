namespace HvWeb.Web.Components.Settings;

/// <summary>The pages of the Settings tree, as in Hyper-V Manager.</summary>
public enum SettingsPageKind
{
    AddHardware,
    BootOrder,
    Security,
    Memory,
    Processor,
    Compatibility,
    IdeController,
    ScsiController,
    Drive,
    NetworkAdapter,
    NetworkAdvanced,
    ComPort,
    Diskette,
    Name,
    IntegrationServices,
    Checkpoints,
    CheckpointFileLocation,
    SmartPagingFileLocation,
    AutomaticStart,
    AutomaticStop,
}
