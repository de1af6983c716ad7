namespace HvWeb.Display;

/// <summary>What "Type clipboard text" did: characters typed, and characters a US keyboard cannot type (skipped).</summary>
public sealed record TypeTextResult(int Typed, int Skipped);
