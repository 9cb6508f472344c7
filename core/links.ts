/**
 * The host↔GPU links the link model (core/link-model.ts) predicts over, each with the figure it uses
 * and where that figure comes from. `gbs` is one direction's payload bandwidth in GB/s (10⁹ bytes/s);
 * `range` is what real systems show; `nominalGBs` is what the specification allows once encoding is
 * paid. Each source says whether it is a nominal (specification) figure or a measured-typical one.
 * The page shows every source next to its row.
 */

export type SourceKind = 'nominal' | 'measured-typical';

export interface LinkSource {
  kind: SourceKind;
  /** Who says it, in a few words. */
  title: string;
  url: string;
  /** What the source states, paraphrased. */
  says: string;
}

export interface LinkSpec {
  id: string;
  name: string;
  /** Central one-direction figure used for predictions, GB/s. */
  gbs: number;
  /** Low and high one-direction figures seen on real systems, GB/s. */
  range: [number, number];
  /** Specification payload bandwidth of the PCIe tunnel or slot, GB/s. */
  nominalGBs: number;
  /** Why the central figure is what it is. */
  basis: string;
  sources: LinkSource[];
}

export const LINKS: readonly LinkSpec[] = [
  {
    id: 'tb4',
    name: 'Thunderbolt 3/4 · USB4 (40 Gb/s)',
    gbs: 3,
    range: [2.5, 3.5],
    nominalGBs: 3.94,
    basis:
      'The 40 Gb/s link carries PCIe 3.0 ×4 (32 Gb/s, ≈3.94 GB/s after 128b/130b); eGPUs measure about 2.4–2.75 GB/s host→device, some setups near 4. Central 3 GB/s.',
    sources: [
      {
        kind: 'nominal',
        title: 'Intel Thunderbolt 4 certification requirements (as reported by Converge Digest)',
        url: 'https://www.convergedigest.com/2020/07/intels-thunderbolt-4-delivers-40-gbps.html',
        says: 'Thunderbolt 4 delivers 40 Gb/s and requires PCIe data at 32 Gb/s (double Thunderbolt 3’s minimum).',
      },
      {
        kind: 'nominal',
        title: 'IT World Canada: Intel details Thunderbolt 4',
        url: 'https://itworldcanada.com/article/intel-details-thunderbolt-4-devices-coming-later-this-year/432791',
        says: 'Thunderbolt 4 keeps Thunderbolt 3’s 40 Gb/s maximum; its PCIe data throughput requirement doubles to 32 Gb/s over 4 lanes.',
      },
      {
        kind: 'nominal',
        title: 'Thunderbolt 4: everything you need to know (MalwareTips repost)',
        url: 'https://malwaretips.com/threads/thunderbolt-4-everything-you-need-to-know.102346/',
        says: 'Thunderbolt 3 forms the backbone of USB4, which is why USB4 also has 40 Gb/s.',
      },
      {
        kind: 'measured-typical',
        title: 'eGPU bandwidth requirements (unanswered.io guide, citing eGPU user measurements)',
        url: 'https://unanswered.io/guide/egpu-bandwidth-requirements',
        says: 'Many Thunderbolt 3/4 eGPU setups reach about 19–22 Gb/s host→device (≈2.4–2.75 GB/s); some come close to 32 Gb/s.',
      },
    ],
  },
  {
    id: 'tb5',
    name: 'Thunderbolt 5 (80 Gb/s)',
    gbs: 6,
    range: [5.5, 6.5],
    nominalGBs: 7.88,
    basis:
      'Thunderbolt 5 tunnels PCIe 4.0 ×4 (64 Gb/s, ≈7.88 GB/s); one published eGPU test measured 5.6 GB/s host→device and 5.8 GB/s device→host. Central ≈6 GB/s.',
    sources: [
      {
        kind: 'nominal',
        title: 'Thunderbolt 5 announcement coverage (Aroged, from VideoCardz)',
        url: 'https://www.aroged.com/2023/09/12/thunderbolt-5-data-transfer-speeds-up-to-120-gbps-pcie-gen4-support-and-power-up-to-240-w-aroged/',
        says: '80 Gb/s bidirectional (120 Gb/s with Bandwidth Boost), PCIe Gen4 support; hosts need 64 Gb/s PCIe links.',
      },
      {
        kind: 'measured-typical',
        title: 'OCuLink vs Thunderbolt 5 with an RTX 5070 Ti (Try Some Tech test, as reported)',
        url: 'https://nowhyderabad.com/index.php/2025/10/05/oculink-outpaces-thunderbolt-5-in-nvidia-rtx-5070-ti-tests-latter-up-to-14-slower-on-average-in-gaming-benchmarks',
        says: 'Thunderbolt 5 measured 5.6 GB/s host→device and 5.8 GB/s device→host; OCuLink (PCIe 4.0 ×4) 6.6 / 6.7 GB/s.',
      },
    ],
  },
  {
    id: 'pcie4x16',
    name: 'PCIe 4.0 ×16',
    gbs: 25,
    range: [22, 26.5],
    nominalGBs: 31.5,
    basis:
      '16 GT/s × 16 lanes × 128/130 ≈ 31.5 GB/s per direction; pinned-memory copies typically reach 22–26 GB/s (NCCL models a Gen4 ×16 path as 24 GB/s). Central 25 GB/s.',
    sources: [
      {
        kind: 'nominal',
        title: 'PCI Express link speeds (HPC notes, from the PCI-SIG figures)',
        url: 'https://hpc-notes.pages.dev/reference/pcie',
        says: 'PCIe 4.0: 16 GT/s, 128b/130b, 1.97 GB/s per lane, 31.5 GB/s for ×16; PCIe 5.0: 32 GT/s, 63.0 GB/s for ×16.',
      },
      {
        kind: 'measured-typical',
        title: 'NVIDIA/nccl-tests issue #307 (topology log)',
        url: 'https://github.com/NVIDIA/nccl-tests/issues/307',
        says: 'NCCL’s topology detection rates the PCIe Gen4 ×16 GPU paths at 24.0 GB/s (“PCI[24.0]”, “maxBw 24.0”).',
      },
      {
        kind: 'measured-typical',
        title: 'tinygrad/open-gpu-kernel-modules issue #6',
        url: 'https://github.com/tinygrad/open-gpu-kernel-modules/issues/6',
        says: 'RTX 4090s in Gen4 ×16 slots: copies through the host (P2P disabled) measure about 25.6–26.2 GB/s.',
      },
    ],
  },
  {
    id: 'pcie5x16',
    name: 'PCIe 5.0 ×16',
    gbs: 50,
    range: [45, 57],
    nominalGBs: 63,
    basis:
      '32 GT/s × 16 lanes × 128/130 ≈ 63 GB/s per direction; nvbandwidth on a Gen5 card measured 56 GB/s one way and 51 GB/s with both directions busy. Central 50 GB/s.',
    sources: [
      {
        kind: 'nominal',
        title: 'PCI Express link speeds (HPC notes, from the PCI-SIG figures)',
        url: 'https://hpc-notes.pages.dev/reference/pcie',
        says: 'PCIe 5.0: 32 GT/s, 128b/130b, 3.94 GB/s per lane, 63.0 GB/s for ×16.',
      },
      {
        kind: 'measured-typical',
        title: 'tinygrad/open-gpu-kernel-modules issue #29 (nvbandwidth, RTX 5090)',
        url: 'https://github.com/tinygrad/open-gpu-kernel-modules/issues/29',
        says: 'memcpy CE host→device 56.3 GB/s, device→host 57.3 GB/s; bidirectional about 50.9 GB/s.',
      },
    ],
  },
];
