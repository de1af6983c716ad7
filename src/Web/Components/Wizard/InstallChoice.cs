namespace HvWeb.Web.Components.Wizard;

/// <summary>Installation Options' three choices.</summary>
public enum InstallChoice
{
    Later,
    FromImageFile,
    FromNetwork,
}
