#pragma once
/*
 * Red-black trees (Linux: include/linux/rbtree.h, rbtree_augmented.h).
 *
 * As in Linux the node is embedded in the caller's structure and the caller
 * does the search and links the new node (rb_link_node), then asks the tree
 * to rebalance (rb_insert_color). Each path from the root to a leaf has the
 * same number of black nodes and no red node has a red child, so the height
 * is at most 2 log2(n + 1).
 *
 * Augmented trees keep a value per node computed from its subtree (vmalloc's
 * free tree keeps the largest free gap below each node). Differs from Linux:
 * one callback, `recompute`, that recalculates a node's value from its
 * children and says whether it changed; the tree calls it after rotations
 * and up the path of every insert and erase. Linux has three callbacks
 * (propagate, copy, rotate) that do the same work with fewer calls.
 */
#include <linux/compiler.h>
#include <linux/list.h> // container_of
#include <linux/types.h>

struct rb_node {
	struct rb_node *rb_parent;
	struct rb_node *rb_left, *rb_right;
	bool rb_black;
};

struct rb_augment_callbacks {
	// Recalculates node's value from its children; true if it changed.
	bool (*recompute)(struct rb_node *node);
};

struct rb_root {
	struct rb_node *rb_node;
	const struct rb_augment_callbacks *augment; // NULL: a plain tree
};

#define RB_ROOT                                                                                    \
	{                                                                                          \
		nullptr, nullptr                                                                   \
	}
#define rb_entry(ptr, type, member) container_of(ptr, type, member)
#define rb_entry_safe(ptr, type, member) ((ptr) ? rb_entry(ptr, type, member) : nullptr)
#define RB_EMPTY_ROOT(root) ((root)->rb_node == nullptr)

static inline void rb_link_node(struct rb_node *node, struct rb_node *parent, struct rb_node **link)
{
	node->rb_parent = parent;
	node->rb_left = node->rb_right = nullptr;
	node->rb_black = false;
	*link = node;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);
// After changing a node's own value in place, fix the values above it.
void rb_augment_propagate(struct rb_node *node, struct rb_root *root);

struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

// Checks the red-black rules; returns the black height, or -1 if broken.
int rb_check(const struct rb_root *root);
