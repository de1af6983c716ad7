using System.Runtime.CompilerServices;
using Bunit;

namespace HvWeb.Tests.Unit;

/// <summary>
/// bUnit's WaitForAssertion / WaitForState give up after 1 s by default. The unit suite runs its
/// classes in parallel on a 2-core machine that CI may share, where a render can take longer; a
/// wait that succeeds returns as soon as its condition holds, so the longer limit only delays a
/// real failure.
/// </summary>
internal static class BunitWaits
{
    [ModuleInitializer]
    internal static void Initialize() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}
