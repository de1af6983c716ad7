using HvWeb.Persistence.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HvWeb.Persistence.Preferences;

internal sealed class UserPreferenceRecordConfiguration : IEntityTypeConfiguration<UserPreferenceRecord>
{
    public void Configure(EntityTypeBuilder<UserPreferenceRecord> builder)
    {
        builder.ToTable("UserPreferences");
        builder.HasKey(p => new { p.User, p.Key });
        builder.Property(p => p.User).HasMaxLength(256);
        builder.Property(p => p.Key).HasMaxLength(256);
        builder.Property(p => p.UpdatedUtc).HasConversion<UnixMillisecondsConverter>();
    }
}
