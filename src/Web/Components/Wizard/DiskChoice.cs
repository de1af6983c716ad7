namespace HvWeb.Web.Components.Wizard;

/// <summary>Connect Virtual Hard Disk's three choices.</summary>
public enum DiskChoice
{
    Create,
    UseExisting,
    AttachLater,
}
