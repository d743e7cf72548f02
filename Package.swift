// swift-tools-version:6.0
// face-network: turn a folder of photos into a co-appearance network of the people in them.
//
// Data flows one way: images → Extraction (CImage, CDlib) → Store (SQLite or PostgreSQL, behind FaceStoring) →
// People / Analysis → Export / Reports / Query; Pipeline runs the steps on a photo folder and face-network declares
// the commands. Every target below names its one concern.
import PackageDescription

/// dlib's HOG detector is header-template code compiled into our own object files; SwiftPM builds C++
/// at -O0 in debug (and so under `swift test`), which makes detection ~200× slower. Always optimise it.
let optimisedCxx: [CXXSetting] = [.unsafeFlags(["-O2", "-DNDEBUG"])]

let package = Package(
    name: "face-network",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "face-network", targets: ["face-network"]),
        // Loaded at run time by CDlib on CPUs with AVX2 and FMA; the executable runs without it anywhere.
        .library(name: "FaceNetworkHOGAVX2", type: .dynamic, targets: ["CDlibHOGAVX2"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // PostgreSQL's wire protocol (the store shared by many machines); swift-nio, swift-nio-ssl and swift-log come
        // with it and are named here only because StorePostgres imports them directly.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
    ],
    targets: [
        // C boundaries: each small, each one concern.
        .target(
            name: "CImage",
            cSettings: [.unsafeFlags(["-O2"])],
            // Debian's libraries, one a format: libjpeg-turbo, libpng, libexif (EXIF), libheif (HEIC, AVIF), libwebp and
            // libwebpdemux (WebP), libtiff, giflib; BMP through the header-only stb_image (libstb-dev).
            linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("png16"), .linkedLibrary("exif"), .linkedLibrary("heif"),
                             .linkedLibrary("webpdemux"), .linkedLibrary("webp"), .linkedLibrary("tiff"),
                             .linkedLibrary("gif"), .linkedLibrary("m")]
        ),
        // dlib code shared by the baseline and AVX2 builds (HOG detection as dlib's Python binding runs it, the
        // RGB view) and the AVX2 build's C interface: header-only.
        .target(name: "CDlibHeaders"),
        .target(
            name: "CDlib",
            dependencies: ["CDlibHeaders"],
            cxxSettings: optimisedCxx,
            linkerSettings: [.linkedLibrary("dlib"), .linkedLibrary("blas"), .linkedLibrary("lapack"), .linkedLibrary("m")]
        ),
        .target(
            name: "CDlibHOGAVX2",
            dependencies: ["CDlibHeaders"],
            cxxSettings: [.unsafeFlags(["-O2", "-DNDEBUG", "-march=x86-64-v3", "-fvisibility=hidden",
                                        "-fvisibility-inlines-hidden"])],
            linkerSettings: [.linkedLibrary("dlib"), .linkedLibrary("blas"), .linkedLibrary("lapack")]
        ),
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        // OpenBLAS's C interface, for descriptor distances by blocked matrix products (Analysis).
        .systemLibrary(name: "CBLAS", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // libedit: line editing, history and completion for the query shell (readline-compatible API).
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // glibc's wcwidth, for aligning names in CJK scripts and emoji in the query shell's tables.
        .systemLibrary(name: "CWidth"),

        // SQL lives in sql/*.sql and the network page in Sources/Export/Page; the plugin embeds them into Store and
        // Export at build time so the binary is self-contained.
        .executableTarget(name: "embed-files"),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"]),

        // Everything kept about a collection, behind the FaceStoring protocol (FaceStore: the store's logic, one typed
        // call per SQL file in sql/, on a SQLBackend), with its embedded SQLite backend (GRDB), and where a
        // collection's files live (CollectionLayout).
        .target(
            name: "Store",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")],
            plugins: ["EmbedFiles"]
        ),
        // The store in PostgreSQL (PostgresNIO): the URL and password file, the connection, the dialect's statements,
        // advisory locks. Shared by the processes of many machines.
        .target(
            name: "StorePostgres",
            dependencies: [
                "Store",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Photos as pixels: decoding JPEG and PNG upright, scaling, cropping, encoding.
        .target(name: "Imaging", dependencies: ["CImage"]),
        // Faces from photos into the store: walking the folder, claiming photos from the store's queue (shared by
        // the extract processes of many machines), detection, descriptors, crops.
        .target(name: "Extraction", dependencies: ["Imaging", "CDlib", "CCrypto", "Store"]),
        // The algorithms, documented like networkx: descriptor distances, clustering, graph measures, communities.
        .target(name: "Analysis", dependencies: ["CBLAS"]),
        // Times the analysis layer on an edge-list file for bench/centrality; not part of the tool.
        .executableTarget(name: "graph-bench", dependencies: ["Analysis"]),
        // The network drawn and written: the page, SVG and DOT (Graphviz), GraphML, GEXF, mosaics, dendrograms.
        .target(name: "Export", dependencies: ["Imaging", "CGraphviz", "Store", "Analysis"], exclude: ["Page"],
                plugins: ["EmbedFiles"]),
        // Who is who: clustering the stored faces into people, edits with undo, cohesion, scores against labels.
        .target(name: "People", dependencies: ["Store", "Analysis"]),
        // Tables and reports: the report tables, the network report and the formats they are written in.
        .target(name: "Reports", dependencies: ["Store", "Analysis", "People", "CWidth"]),
        // The query language: Language/ (lexer, parser), Execution/ (statements on the store), Shell/.
        .target(name: "Query", dependencies: ["Store", "Analysis", "People", "Reports"]),
        // The pipeline on one photo folder: extract, cluster and network as recorded runs, the files they write
        // (CollectionLayout), and after an edit of the people, the redraw. Reports through a log, never prints.
        .target(name: "Pipeline", dependencies: ["Store", "Imaging", "Extraction", "Analysis", "Export", "People", "Reports"]),
        // The command line: declarations, argument checks and printing only.
        .executableTarget(
            name: "face-network",
            dependencies: [
                "Store", "StorePostgres", "Imaging", "Extraction", "Analysis", "Export", "People", "Reports", "Query",
                "Pipeline", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Checkers/ holds the Python scripts the export tests run (networkx, headless Chromium).
        // TestStores opens every store a suite uses in SQLite or, for the second pass, in PostgreSQL.
        .target(name: "TestSupport", dependencies: ["Imaging", "Export", "Store", "StorePostgres"],
                path: "Tests/Support", exclude: ["Checkers", "CHEIFWriter"]),
        // libheif's encoder, for test HEIC files with rotation transforms (heif-enc cannot write them).
        .target(name: "CHEIFWriter", path: "Tests/Support/CHEIFWriter", linkerSettings: [.linkedLibrary("heif")]),
        .testTarget(name: "ImageTests", dependencies: ["Imaging", "TestSupport"]),
        .testTarget(
            name: "AnalysisTests", dependencies: ["Analysis"],
            exclude: ["clustering_scores_reference.json", "clustering_algorithms_reference.json",
                      "centrality_reference.json", "group_photos_edges.json",
                      "sampled_centrality_reference.json"]
        ),
        .testTarget(name: "StoreTests",
                    dependencies: ["Store", "StorePostgres", "People", "Reports", "Analysis", "TestSupport"]),
        .testTarget(name: "PeopleTests", dependencies: ["People", "Store", "Analysis", "TestSupport"]),
        .testTarget(name: "QueryTests", dependencies: ["Query", "People", "Reports", "Store", "Analysis", "TestSupport"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "Analysis", "Reports", "Imaging", "TestSupport"]),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Extraction", "Imaging", "Store", "StorePostgres", "Analysis", "Export", "People", "Reports",
                           "Query", "Pipeline", "TestSupport", "CHEIFWriter"],
            exclude: ["Fixtures"]
        ),
    ],
    cxxLanguageStandard: .cxx17
)
