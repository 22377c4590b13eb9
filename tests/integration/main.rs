mod stats;
