using HvWeb.Persistence.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HvWeb.Persistence.Jobs;

internal sealed class JobRecordConfiguration : IEntityTypeConfiguration<JobRecord>
{
    public void Configure(EntityTypeBuilder<JobRecord> builder)
    {
        builder.ToTable("Jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.CreatedUtc).HasConversion<UnixMillisecondsConverter>();
        builder.Property(j => j.StartedUtc).HasConversion<UnixMillisecondsConverter>();
        builder.Property(j => j.EndedUtc).HasConversion<UnixMillisecondsConverter>();
        // Stored as its number, like an event's level.
        builder.Property(j => j.State).HasConversion<int>();
        builder.HasMany(j => j.Log).WithOne().HasForeignKey(l => l.JobId).OnDelete(DeleteBehavior.Cascade);

        // The list is newest first, optionally filtered by one of these (JobQuery).
        builder.HasIndex(j => j.CreatedUtc);
        builder.HasIndex(j => new { j.VmId, j.CreatedUtc });
        builder.HasIndex(j => new { j.Kind, j.CreatedUtc });
        builder.HasIndex(j => new { j.State, j.CreatedUtc });
        builder.HasIndex(j => new { j.StartedBy, j.CreatedUtc });
    }
}
