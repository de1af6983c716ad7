namespace HvWeb.Tests.E2e.Qemu;

/// <summary>
/// A fact that needs the project's guest images: HVWEB_GUEST_IMAGES must name a folder with vmlinuz
/// and initrd.img, otherwise the test is skipped and says why.
/// </summary>
public sealed class GuestImagesFactAttribute : FactAttribute
{
    public const string Variable = "HVWEB_GUEST_IMAGES";

    public GuestImagesFactAttribute()
    {
        if (Folder is null)
        {
            Skip = $"{Variable} does not point to a folder with vmlinuz and initrd.img (build the guest images and set it).";
        }
    }

    public static string? Folder =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } folder
        && File.Exists(Path.Combine(folder, "vmlinuz"))
        && File.Exists(Path.Combine(folder, "initrd.img"))
            ? folder
            : null;
}
