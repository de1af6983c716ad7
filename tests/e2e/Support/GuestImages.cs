namespace HvWeb.Tests.E2e.Support;

/// <summary>
/// The project's guest images (guest/build.sh), named by HVWEB_GUEST_IMAGES. `./hvweb test` always
/// sets it; a test that needs an image fails (never skips) when it is missing.
/// </summary>
public static class GuestImages
{
    public static string Folder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("HVWEB_GUEST_IMAGES");
            if (string.IsNullOrEmpty(folder) || !File.Exists(Path.Combine(folder, "tiny-bios.qcow2")))
            {
                throw new InvalidOperationException(
                    "HVWEB_GUEST_IMAGES must name the folder built by guest/build.sh (run the tests with ./hvweb test, " +
                    "or export HVWEB_GUEST_IMAGES=$(guest/build.sh | tail -n1)).");
            }

            return folder;
        }
    }

    public static string TinyBios => Path.Combine(Folder, "tiny-bios.qcow2");

    public static string TinyUefi => Path.Combine(Folder, "tiny-uefi.qcow2");

    /// <summary>A bootable CD image (BIOS and UEFI) whose guest prints "HVWEB-BOOTED-FROM iso" on COM1.</summary>
    public static string TinyIso => Path.Combine(Folder, "tiny.iso");
}
