#!/usr/bin/perl
# Small helper for guest/verify.sh (perl-base only):
#   hvtool.pl qmp SOCKET JSON [TIMEOUT]   send one QMP command, print its reply line
#   hvtool.pl agent SOCKET COMMAND [TIMEOUT]  guest-sync, then one guest agent command
#                                         (e.g. guest-fsfreeze-freeze), print its reply line
#   hvtool.pl type SOCKET TEXT           write TEXT (with \n escapes) to a chardev socket
#   hvtool.pl ppm-lit FILE                print "WIDTH HEIGHT LIT" for a binary PPM (P6):
#                                         LIT = pixels that differ from the top-left one
use strict;
use warnings;
use IO::Socket::UNIX;

my $mode = shift @ARGV // '';

sub connect_unix {
    my ($path) = @_;
    my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Peer => $path)
        or die "connect $path: $!\n";
    return $s;
}

sub read_line {
    my ($s, $deadline) = @_;
    my $line = '';
    while (time() < $deadline) {
        my $rin = '';
        vec($rin, fileno($s), 1) = 1;
        my $n = select(my $rout = $rin, undef, undef, 0.2);
        next unless $n;
        my $c;
        my $r = sysread($s, $c, 1);
        die "QMP connection closed\n" unless $r;
        return $line if $c eq "\n";
        $line .= $c;
    }
    die "QMP timeout\n";
}

if ($mode eq 'qmp') {
    my ($path, $json, $timeout) = @ARGV;
    my $deadline = time() + ($timeout // 30);
    my $s = connect_unix($path);
    read_line($s, $deadline);    # greeting
    print $s qq({"execute":"qmp_capabilities"}\n);
    while (1) { last if read_line($s, $deadline) =~ /"return"/; }
    print $s "$json\n";
    while (1) {
        my $l = read_line($s, $deadline);
        next if $l =~ /^\{"timestamp"/ || $l =~ /"event"/;
        print "$l\n";
        exit($l =~ /"error"/ ? 1 : 0);
    }
} elsif ($mode eq 'agent') {
    my ($path, $command, $timeout) = @ARGV;
    my $deadline = time() + ($timeout // 30);
    my $s = connect_unix($path);
    my $id = int(rand(1_000_000_000)) + 1;
    print $s qq({"execute":"guest-sync","arguments":{"id":$id}}\n);
    while (1) { last if read_line($s, $deadline) =~ /"return": *$id\b/; }
    print $s qq({"execute":"$command"}\n);
    my $l = read_line($s, $deadline);
    print "$l\n";
    exit($l =~ /"error"/ ? 1 : 0);
} elsif ($mode eq 'type') {
    my ($path, $text) = @ARGV;
    $text =~ s/\\n/\n/g;
    my $s = connect_unix($path);
    syswrite($s, $text);
    select(undef, undef, undef, 0.3);
    close $s;
} elsif ($mode eq 'ppm-lit') {
    my ($file) = @ARGV;
    open(my $f, '<:raw', $file) or die "$file: $!\n";
    local $/;
    my $data = <$f>;
    close $f;
    $data =~ s/^P6\s+(\d+)\s+(\d+)\s+(\d+)\s//s or die "$file: not a binary PPM\n";
    my ($w, $h) = ($1, $2);
    my $bg = substr($data, 0, 3);
    my $lit = 0;
    for (my $i = 0; $i < $w * $h * 3; $i += 3) {
        $lit++ if substr($data, $i, 3) ne $bg;
    }
    print "$w $h $lit\n";
} else {
    die "usage: hvtool.pl qmp|type|ppm-lit ...\n";
}
