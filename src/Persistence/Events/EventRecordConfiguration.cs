using HvWeb.Persistence.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HvWeb.Persistence.Events;

internal sealed class EventRecordConfiguration : IEntityTypeConfiguration<EventRecord>
{
    public void Configure(EntityTypeBuilder<EventRecord> builder)
    {
        builder.ToTable("Events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.TimeUtc).HasConversion<UnixMillisecondsConverter>();
        // Stored as its number so that "minimum level" is a comparison.
        builder.Property(e => e.Level).HasConversion<int>();
        builder.HasIndex(e => e.TimeUtc);
        builder.HasIndex(e => e.VmId);
    }
}
