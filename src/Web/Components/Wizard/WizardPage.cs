namespace HvWeb.Web.Components.Wizard;

/// <summary>The New Virtual Machine Wizard's pages, in order (Hyper-V's, plus Configuration Version).</summary>
public enum WizardPage
{
    BeforeYouBegin,
    NameAndLocation,
    Generation,
    ConfigurationVersion,
    Memory,
    Networking,
    VirtualHardDisk,
    InstallationOptions,
    Summary,
}
